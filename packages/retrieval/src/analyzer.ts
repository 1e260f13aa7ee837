import { englishAnalysis, type LanguageAnalysis, languageAnalysis } from './language-analysis.js';
import { type Segmentation, spaceUnspacedRuns, UNSPACED, unspacedWords } from './word-segments.js';

/**
 * Raw tokens: runs of word characters (letters with their combining marks, digits, `_`, `$`) that may
 * contain `.`, `-`, `/`, `_`, `@`, `$`, `:` between word characters, optionally led by `--`, `-`, `@` or `.`
 * (so `--port`, `@docusaurus/core`, `docusaurus.config.js`, `.env`, `android:keyboardNavigationCluster` stay
 * one token).
 */
const RAW_TOKEN = /(?:--?|@|\.)?[\p{L}\p{M}\p{N}_$]+(?:[./:@_$-]+[\p{L}\p{M}\p{N}_$]+)*/gu;
const PART = /[\p{L}\p{M}\p{N}]+/gu;
const CAMEL_BOUNDARY = /(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const CODE_LIKE = /[./:@_$-]|\p{Ll}\p{Lu}/u;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}\p{N}]+$/u;
const MAX_TERM_LENGTH = 64;
/** Bumped whenever any analyzer's output changes for some text: an index records the ids it was built with. */
export const ANALYSIS_VERSION = 1;
/** Languages whose Han text is cut with their own dictionary; other locales' Han text is read as Chinese. */
const OWN_UNSPACED = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my']);

/**
 * Text in, search terms out: what both stores index for a locale's pages and look up for a question asked in
 * that locale. Always the same terms for the same text, so a question is analysed exactly as its pages were.
 */
export type Analyzer = {
  /** Recorded in the index: `<language>/<stemmer>/<segmentation>@<version>`, e.g. `zh/porter2/segmenter@1`. */
  readonly id: string;
  /** The BCP 47 language subtag it analyses (`und` when the locale names none). */
  readonly language: string;
  analyze(text: string): string[];
};

/**
 * The language subtag of a locale as Docusaurus names locales (`en`, `zh-Hans`, `pt-BR`, `fr`, also `pt_BR`),
 * lowercased, with its script when that is not the language's usual one (`sr-Latn`); `und` for a missing or
 * malformed one.
 */
export function languageOf(locale: string | undefined): string {
  if (!locale) return 'und';
  try {
    // `pt_BR` (a POSIX locale name) means `pt-BR`.
    const parsed = new Intl.Locale(locale.replace(/_/g, '-'));
    const language = parsed.language.toLowerCase();
    // A script other than the language's usual one changes how its words are read (`sr-Latn`).
    const usual = new Intl.Locale(language).maximize().script;
    return parsed.script && parsed.script !== usual ? `${language}-${parsed.script}` : language;
  } catch {
    return 'und';
  }
}

/** The segmentation of unspaced scripts that new indexes use (`DOCENT_CJK_SEGMENTATION` measures the other). */
function defaultSegmentation(): Segmentation {
  return process.env.DOCENT_CJK_SEGMENTATION === 'bigram' ? 'bigram' : 'segmenter';
}

const analyzers = new Map<string, Analyzer>();

/**
 * The analyzer of a locale: Unicode NFKC normalisation and case folding; runs of scripts written without
 * spaces (Chinese, Japanese, Thai, …) cut into words by `Intl.Segmenter`; stop words and stemming of the
 * locale's language (see `languageAnalysis`), with English's for Latin words in pages written in another
 * script; identifiers kept whole and split into their parts. English when no locale is given.
 */
export function analyzerFor(locale?: string, segmentation: Segmentation = defaultSegmentation()): Analyzer {
  const language = locale === undefined ? 'en' : languageOf(locale);
  return analyzerOf(language, segmentation);
}

function analyzerOf(language: string, segmentation: Segmentation): Analyzer {
  const key = `${language}/${segmentation}`;
  let found = analyzers.get(key);
  if (!found) {
    const own = language === 'und' ? englishAnalysis() : languageAnalysis(language);
    // Latin words in a page written in another script are borrowed English: technical terms and commands
    // (`pnpm why`), stemmed as English but never dropped as stop words.
    const latin = own.latin ? own : { ...englishAnalysis(), stopWords: new Set<string>() };
    const unspaced = OWN_UNSPACED.has(language) ? language : 'zh';
    const lower = TURKIC.has(language)
      ? (word: string) => word.toLocaleLowerCase(language)
      : (word: string) => word.toLowerCase().replace(DOTTED_I, 'i');
    const unspacedStops = languageAnalysis(unspaced).stopWords;
    const analysis: Analysis = {
      own,
      latin,
      unspaced,
      unspacedStops,
      koreanStops: languageAnalysis('ko').stopWords,
      segmentation,
      lower,
    };
    found = {
      id: `${language}/${own.stemmer}/${segmentation}@${ANALYSIS_VERSION}`,
      language,
      analyze: (text) => analyzeWith(text, analysis),
    };
    analyzers.set(key, found);
  }
  return found;
}

/**
 * The analyzer an index recorded by id. Throws a `RangeError` naming the id when this Docent does not know
 * it (an index written by a newer Docent): the caller says to re-index or upgrade.
 */
export function analyzerById(id: string): Analyzer {
  const match = /^([a-z]{2,8}(?:-[A-Z][a-z]{3})?)\/[a-z0-9-]+\/(segmenter|bigram)@(\d+)$/.exec(id);
  if (!match || Number(match[3]) !== ANALYSIS_VERSION) {
    throw new RangeError(`unknown analyzer "${id}" (this Docent writes version ${ANALYSIS_VERSION})`);
  }
  const analyzer = analyzerOf(match[1]!, match[2] as Segmentation);
  if (analyzer.id !== id) throw new RangeError(`unknown analyzer "${id}" (this Docent has ${analyzer.id})`);
  return analyzer;
}

type Analysis = {
  own: LanguageAnalysis;
  latin: LanguageAnalysis;
  unspaced: string;
  unspacedStops: ReadonlySet<string>;
  koreanStops: ReadonlySet<string>;
  segmentation: Segmentation;
  lower: (word: string) => string;
};

/** Languages whose dotted and dotless i lowercase their own way (Unicode SpecialCasing). */
const TURKIC = new Set(['tr', 'az']);
/** `İ` lowercased outside Turkish is `i` + U+0307; the dot is dropped so it matches `i`. */
const DOTTED_I = /i\u0307/g;
/** Hangul syllables: Korean attaches particles to words (`캐시는`), so its words are read as syllable pairs. */
const HANGUL = /^\p{Script=Hangul}+$/u;
const HANGUL_LETTER = /\p{Script=Hangul}/u;
const HANGUL_EDGE =
  /(?<=\p{Script=Hangul})(?=[^\p{Script=Hangul}\s])|(?<=[^\p{Script=Hangul}\s])(?=\p{Script=Hangul})/gu;
/** Invisible characters: a soft hyphen is dropped; zero-width spaces separate words. */
const SOFT_HYPHEN = /\u00ad/g;
const ZERO_WIDTH_SPACE = /[\u200b\u2060\ufeff]/g;

function analyzeWith(text: string, analysis: Analysis): string[] {
  const terms: string[] = [];
  const { lower: lowercase } = analysis;
  let normalised = text.normalize('NFKC').replace(SOFT_HYPHEN, '').replace(ZERO_WIDTH_SPACE, ' ');
  if (HANGUL_LETTER.test(normalised)) normalised = normalised.replace(HANGUL_EDGE, ' ');
  const folded = spaceUnspacedRuns(normalised);
  for (const match of folded.matchAll(RAW_TOKEN)) {
    const token = match[0];
    // Cut first, then bounded word by word: a long Chinese sentence with no punctuation is one token.
    if (UNSPACED.test(token) || HANGUL.test(token)) {
      const words = UNSPACED.test(token)
        ? unspacedWords(token, analysis.unspaced, analysis.segmentation)
        : unspacedWords(token, 'ko', 'bigram');
      const stops = UNSPACED.test(token) ? analysis.unspacedStops : analysis.koreanStops;
      for (const word of words) {
        const lower = lowercase(word);
        if (lower.length <= MAX_TERM_LENGTH && !stops.has(lower)) terms.push(lower);
      }
      continue;
    }
    if (token.length > MAX_TERM_LENGTH * 2) continue;
    const codeLike = CODE_LIKE.test(token);
    if (codeLike) terms.push(...identifierTerms(token, lowercase));
    for (const piece of token.match(PART) ?? []) {
      for (const word of codeLike ? piece.split(CAMEL_BOUNDARY) : [piece]) {
        const lower = lowercase(word);
        if (lower.length === 0 || lower.length > MAX_TERM_LENGTH) continue;
        const language = LATIN_WORD.test(lower) ? analysis.latin : analysis.own;
        if (language.stopWords.has(lower)) continue;
        // A whole token that was split into a single identical part is already counted above.
        if (codeLike && lower === lowercase(token)) continue;
        terms.push(language.stem(lower));
      }
    }
  }
  return terms;
}

/**
 * The whole-identifier term of a code-like token, lowercased and unstemmed (`client.opts.retry.maxAttempts`,
 * `--port`). Indexing each path tail as well (`maxattempts`) was measured: it moved one Hono answer off its
 * best passage (fact recall -1.8 points), so a question that names the tail of a longer identifier is found
 * by the identifier's parts and judged present by `answerabilityEvidence`, which looks in the best sections.
 */
function identifierTerms(token: string, lowercase: (word: string) => string): string[] {
  const whole = lowercase(token.replace(/[.:]+$/, ''));
  return whole.length > 1 && whole.length <= MAX_TERM_LENGTH ? [whole] : [];
}

/** Stems a lowercase English word with Porter2 (Snowball English), memoised. */
export function stem(word: string): string {
  return englishAnalysis().stem(word);
}

/**
 * Turns text into search terms with the analyzer of `locale` (English when none is given): see `analyzerFor`.
 * Identifiers such as `baseUrl`, `--port` or `docusaurus.config.js` are kept whole (lowercased, unstemmed)
 * and also split into their stemmed parts (`base`, `url`), so both the exact identifier and its words match.
 */
export function analyze(text: string, locale?: string): string[] {
  return analyzerFor(locale).analyze(text);
}

/** Term frequencies of a text under an analyzer (English by default): term -> count. */
export function termFrequencies(text: string, analyzer: Analyzer = analyzerFor()): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of analyzer.analyze(text)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}
