import { readFile } from 'node:fs/promises';
import type { EvalQuestion } from './eval-question.js';

/** Reads a JSONL question file; a bad line is an error naming the file and line. */
export async function readQuestions(path: string): Promise<EvalQuestion[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim())
    .map(({ line, index }) => {
      try {
        return JSON.parse(line) as EvalQuestion;
      } catch {
        throw new Error(`${path}:${index + 1}: not valid JSON`);
      }
    });
}
