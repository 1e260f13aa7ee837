declare module 'snowball-stemmers' {
  /** A Snowball stemmer for one language (a JavaScript port of the Snowball project's algorithms). */
  export type SnowballStemmer = { stem(word: string): string };
  /** Creates the stemmer of one algorithm (`'french'`, `'german'`, …); throws for an unknown name. */
  export function newStemmer(algorithm: string): SnowballStemmer;
  /** The algorithm names this package ships. */
  export function algorithms(): string[];
}
