import type { Metrics } from '../http/metrics.js';
import { JsonlQuestionLog } from './jsonl-question-log.js';
import { PostgresQuestionLog } from './postgres-question-log.js';
import type { QuestionLog } from './question-log.js';

/** `postgres://…` (or `postgresql://…`) logs to PostgreSQL; anything else is a JSONL file path. */
export function openQuestionLog(target: string, metrics: Metrics, log: (line: string) => void): QuestionLog {
  return /^postgres(?:ql)?:\/\//i.test(target)
    ? new PostgresQuestionLog({ url: target, metrics, log })
    : new JsonlQuestionLog({ path: target, metrics, log });
}
