import type { z } from 'zod';

export type ParseResult<T> = { success: true; data: T } | { success: false; error: string };

/**
 * Validates `input` against a schema and returns one readable sentence naming
 * every problem by its path, e.g. `messages[0].role: expected one of "user"|"assistant"|"system"`.
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { success: true, data: result.data };
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = issue.path
      .map((key, index) =>
        typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`,
      )
      .join('');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return { success: false, error: problems.join('; ') };
}
