import type { Store } from '@docent/retrieval';
import type { AnswerDependencies } from '../answering/prepare-answer.js';
import type { FeedbackFile } from '../question-log/feedback-file.js';
import type { QuestionLog } from '../question-log/question-log.js';
import type { Metrics } from './metrics.js';
import type { ServerConfig } from './server-config.js';
import type { SharedRateLimiter } from './shared-rate-limit.js';

/** What the routes share: the answer pipeline, the store, the logs and the metrics. */
export type AppContext = {
  config: ServerConfig;
  store: Store;
  answers: AnswerDependencies;
  metrics: Metrics;
  questionLog: QuestionLog | null;
  feedbackFile: FeedbackFile | null;
  /** The shared (Redis) rate limiter, when one is configured: its state goes to /readyz and /metrics. */
  sharedLimiter: SharedRateLimiter | null;
  log: (line: string) => void;
};
