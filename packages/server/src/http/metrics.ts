import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerUsage } from '../answering/answer-tally.js';

const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The service's Prometheus metrics, in a registry of its own (so several apps can live in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'docent_http_requests_total',
    help: 'HTTP requests by route and status.',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'docent_http_request_duration_seconds',
    help: 'Time to the end of the response, by route.',
    labelNames: ['route'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly retrievalSeconds = new Histogram({
    name: 'docent_retrieval_duration_seconds',
    help: 'Time spent retrieving sources for one question.',
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly searchSeconds = new Histogram({
    name: 'docent_search_duration_seconds',
    help: 'Time to answer one search-as-you-type request (GET /api/search), store included.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly firstTokenSeconds = new Histogram({
    name: 'docent_time_to_first_token_seconds',
    help: 'Time from request to the first text of the answer.',
    labelNames: ['mode'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly answerTokens = new Counter({
    name: 'docent_answer_tokens_total',
    help: 'Approximate tokens streamed in answers (4 characters a token).',
    labelNames: ['mode'] as const,
    registers: [this.registry],
  });
  readonly modelTokens = new Counter({
    name: 'docent_llm_tokens_total',
    help: "Tokens the language model took, by model and kind (prompt, completion): the API's usage when it sends it, else estimated.",
    labelNames: ['model', 'kind'] as const,
    registers: [this.registry],
  });
  readonly modelSeconds = new Histogram({
    name: 'docent_llm_duration_seconds',
    help: "Time the language model took for one answer (all its calls), apart from retrieval's.",
    labelNames: ['model'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly answerSteps = new Histogram({
    name: 'docent_answer_steps',
    help: 'Searches and reads the model made itself for one answer (agentic retrieval).',
    buckets: [0, 1, 2, 3, 4, 5, 8],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'docent_errors_total',
    help: 'Errors by type (the error code).',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly declines = new Counter({
    name: 'docent_declined_answers_total',
    help: 'Questions the docs did not seem to cover.',
    registers: [this.registry],
  });
  readonly feedback = new Counter({
    name: 'docent_feedback_total',
    help: 'Reader feedback on answers.',
    labelNames: ['rating'] as const,
    registers: [this.registry],
  });
  readonly questionLogWritten = new Counter({
    name: 'docent_question_log_written_total',
    help: 'Question log entries written (questions and feedback).',
    registers: [this.registry],
  });
  readonly questionLogFailures = new Counter({
    name: 'docent_question_log_failures_total',
    help: 'Failed writes to the question log (each is retried; see docent_question_log_pending).',
    registers: [this.registry],
  });
  readonly questionLogDropped = new Counter({
    name: 'docent_question_log_dropped_total',
    help: 'Question log entries dropped because the target stayed down and the buffer was full.',
    registers: [this.registry],
  });
  readonly questionLogRejected = new Counter({
    name: 'docent_question_log_rejected_total',
    help: 'Question log entries the target refused for their data (a NUL character); dropped, the others written.',
    registers: [this.registry],
  });
  readonly questionLogPending = new Gauge({
    name: 'docent_question_log_pending',
    help: 'Question log entries waiting to be written.',
    registers: [this.registry],
  });
  readonly rateLimitShared = new Gauge({
    name: 'docent_rate_limit_shared',
    help: 'With --rate-limit-store: 1 while the limit shared in Redis is in force, 0 while this process limits on its own (Redis unreachable).',
    registers: [this.registry],
  });
  readonly rateLimitFallbacks = new Counter({
    name: 'docent_rate_limit_fallbacks_total',
    help: 'Times the shared rate limit became unreachable and this process fell back to its own limit.',
    registers: [this.registry],
  });

  /** Counts one answer's model usage: tokens by kind, the model's time, the steps. */
  recordUsage(usage: AnswerUsage): void {
    this.modelTokens.inc({ model: usage.model, kind: 'prompt' }, usage.promptTokens);
    this.modelTokens.inc({ model: usage.model, kind: 'completion' }, usage.completionTokens);
    this.modelSeconds.observe({ model: usage.model }, usage.modelMs / 1000);
    this.answerSteps.observe(usage.steps);
  }
}
