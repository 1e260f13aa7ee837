import { createRequire } from 'node:module';
import { newStemmer } from 'snowball-stemmers';
import porter2 from 'wink-porter2-stemmer';
import { STOP_WORDS } from './stop-words.js';

/** How one language's words become terms: its stop words and its stemmer (both on lowercase NFKC text). */
export type LanguageAnalysis = {
  /** The BCP 47 language subtag (`en`, `fr`, `zh`), with a script when it is not the usual one (`sr-Latn`); `und` for none. */
  language: string;
  /** The stemmer's name as recorded in an index (`porter2`, `snowball-french`, `none`). */
  stemmer: string;
  stem: (word: string) => string;
  stopWords: ReadonlySet<string>;
  /** Whether the language is written in Latin script (its Latin words are its own, not borrowed English). */
  latin: boolean;
};

/** Language subtag -> Snowball algorithm (the `snowball-stemmers` package, a port of snowballstem.org). */
const SNOWBALL: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  cs: 'czech',
  da: 'danish',
  de: 'german',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  hy: 'armenian',
  it: 'italian',
  nb: 'norwegian',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sl: 'slovene',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

/**
 * Whether a language (optionally with its script, `sr-Latn`) is written in Latin script, from the CLDR
 * likely-subtags data that ships with Node (`Intl.Locale#maximize`), so every Latin-script language counts.
 */
function writtenInLatin(language: string): boolean {
  try {
    return new Intl.Locale(language).maximize().script === 'Latn';
  } catch {
    return false;
  }
}

let isoLists: Record<string, string[]> | null = null;

/** Stop words of a language from `stopwords-iso` (58 languages, MIT), or none. */
function isoStopWords(language: string): ReadonlySet<string> {
  isoLists ??= createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
  return new Set((isoLists[language] ?? []).map((word) => word.normalize('NFKC').toLowerCase()));
}

function memoised(stem: (word: string) => string): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmed = /^[\p{L}\p{M}]+$/u.test(word) ? stem(word) : word;
      if (cache.size < 200_000) cache.set(word, stemmed);
    }
    return stemmed;
  };
}

const ENGLISH: LanguageAnalysis = {
  language: 'en',
  // Porter2 rather than the original Porter: Porter stems "deploy" to "deploi" but "deployment" to
  // "deploy", so a question about deploying missed the Deployment page.
  stemmer: 'porter2',
  stem: memoised(porter2),
  stopWords: STOP_WORDS,
  latin: true,
};

const analyses = new Map<string, LanguageAnalysis>([['en', ENGLISH]]);

/**
 * The stop words and stemmer of a language subtag: English keeps Docent's own short stop list and Porter2;
 * the languages Snowball covers get their Snowball stemmer; every language gets the `stopwords-iso` list when
 * it has one. Any other language falls back to no stemming (words match as written, after NFKC and case
 * folding), which is what `stemmer: 'none'` records.
 */
export function languageAnalysis(language: string): LanguageAnalysis {
  let found = analyses.get(language);
  if (!found) {
    const base = language.split('-')[0]!;
    const algorithm = SNOWBALL[base];
    const stemmer = algorithm ? newStemmer(algorithm) : null;
    found = {
      language,
      stemmer: algorithm ? `snowball-${algorithm}` : 'none',
      stem: stemmer ? memoised((word) => stemmer.stem(word)) : (word) => word,
      stopWords: isoStopWords(base),
      latin: writtenInLatin(language),
    };
    analyses.set(language, found);
  }
  return found;
}

/** English's analysis (the language of borrowed Latin words in pages written in other scripts). */
export function englishAnalysis(): LanguageAnalysis {
  return ENGLISH;
}
