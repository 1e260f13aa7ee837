import type { Chunk } from '@docent/protocol';
import lunr from 'lunr';

/**
 * The keyword search documentation sites ship today: lunr with its default settings (English stemmer and
 * stop words, one field) over the same sections Docent indexes. Query syntax characters are removed from
 * the reader's question, which lunr would otherwise reject or read as operators.
 */
export class LunrBaseline {
  private readonly index: lunr.Index;
  private readonly byId: Map<string, Chunk>;

  constructor(chunks: Chunk[]) {
    this.byId = new Map(chunks.map((chunk) => [chunk.id, chunk]));
    this.index = lunr(function build() {
      this.ref('id');
      this.field('text');
      for (const chunk of chunks) this.add({ id: chunk.id, text: chunk.text });
    });
  }

  search(question: string, limit: number): Chunk[] {
    const text = question.replace(/[:~^*+-]/g, ' ');
    let results: lunr.Index.Result[];
    try {
      results = this.index.search(text);
    } catch {
      results = [];
    }
    return results.slice(0, limit).map((result) => this.byId.get(result.ref)!);
  }

  /**
   * What a local search plugin asks lunr as the reader types: the words typed so far, the last one (unless
   * followed by a space) with a trailing wildcard (`work` -> `work*`).
   */
  typeahead(typed: string, limit: number): Chunk[] {
    const words = typed
      .replace(/[:~^*+-]/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
    if (words.length === 0) return [];
    if (!/\s$/.test(typed)) words[words.length - 1] = `${words.at(-1)!.toLowerCase()}*`;
    let results: lunr.Index.Result[];
    try {
      results = this.index.search(words.join(' '));
    } catch {
      results = [];
    }
    return results.slice(0, limit).map((result) => this.byId.get(result.ref)!);
  }
}
