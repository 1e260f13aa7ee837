import { describe, expect, it } from 'vitest';
import { citedWords } from './mark-passage.js';

describe('citedWords', () => {
  it('takes the words of the sentences citing a source, without markdown or markers', () => {
    const answer =
      'Run `docker compose up` to start Qdrant and the service [1]. Health checks hit **/readyz** [2]. Replicas share the index [1][2].';
    expect(citedWords(answer, 1)).toEqual([
      'docker',
      'compose',
      'start',
      'Qdrant',
      'service',
      'Replicas',
      'share',
      'index',
    ]);
    expect(citedWords(answer, 2)).toEqual(['Health', 'checks', 'readyz', 'Replicas', 'share', 'index']);
    expect(citedWords(answer, 3)).toEqual([]);
  });
});
