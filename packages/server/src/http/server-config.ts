import { ANSWERABILITY_MODEL } from '../answering/answerability-model.js';
import { DEFAULT_SIGNATURE_TTL_MS } from '../answering/message-signer.js';

export type RateLimitConfig = {
  /** Requests a client may make in a burst. */
  burst: number;
  /** Requests per minute a client regains. */
  perMinute: number;
  /** Redis URL of a limit shared by every replica (`sharedRateLimit`); absent: each process limits alone. */
  store?: string;
};

export type ServerConfig = {
  /** Longest question accepted, in characters. */
  maxQuestionLength: number;
  /** Most messages (user + assistant) in one request. */
  maxTurns: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  rateLimit: RateLimitConfig | null;
  /** Origins allowed to call the API from a browser; `*` allows any. */
  allowedOrigins: string[] | '*';
  /** Sources given to the generator and shown to the reader. */
  sourcesLimit: number;
  /** Minimum answerability score (0..1, see `answerability-score.ts`) for Docent to answer instead of declining. */
  declineThreshold: number;
  /** Time limit for one whole answer. */
  answerTimeoutMs: number;
  /** Longest answer, in characters: a model that runs on is cut there (and the answer says so). */
  maxAnswerCharacters: number;
  /** Time for a whole request (headers and body) to arrive; slower clients are disconnected. */
  requestTimeoutMs: number;
  /** Locale used when a request names none (and the index has several). */
  defaultLocale: string;
  /**
   * Version used when a request names none (and the index has several): `--default-version`. Unset: the
   * version readers get at the docs root, which the indexer recorded from the site's build (else `current`).
   */
  defaultVersion?: string;
  /** Secret for signing assistant turns (HMAC-SHA256). */
  secret: string;
  /** Earlier secrets, still accepted for signatures they made (rotation: `DOCENT_PREVIOUS_SECRETS`). */
  previousSecrets: string[];
  /** How long a signed answer may be sent back as conversation history. */
  signatureTtlMs: number;
  /**
   * How many reverse proxies in front of the service append to `X-Forwarded-For` (0: none, use the socket
   * address). The reader is that many entries from the right; entries further left are the client's own.
   */
  trustProxy: number;
  /**
   * The docs site's URL, for the absolute links MCP clients get (`--site-url`). Unset: the URL the indexer
   * recorded from the site's build, else the origin the request came to.
   */
  siteUrl?: string;
  /** Serve the MCP endpoint at `/mcp` (`--mcp off` turns it off). */
  mcp: boolean;
  /**
   * Agentic retrieval: with an LLM that supports tools, how many rounds of `search_docs` / `read_page` calls
   * the model may make before it must answer (`--agentic-steps`; 0 turns it off).
   */
  agenticSteps: number;
  /** Tokens (prompt + completion, all the model's calls for one answer) after which it gets no more steps. */
  agenticTokenBudget: number;
};

export const DEFAULT_CONFIG: Omit<ServerConfig, 'secret'> = {
  maxQuestionLength: 2000,
  maxTurns: 20,
  maxBodyBytes: 64 * 1024,
  rateLimit: { burst: 10, perMinute: 30 },
  allowedOrigins: '*',
  sourcesLimit: 5,
  declineThreshold: ANSWERABILITY_MODEL.threshold,
  answerTimeoutMs: 60_000,
  maxAnswerCharacters: 20_000,
  requestTimeoutMs: 30_000,
  defaultLocale: 'en',
  trustProxy: 0,
  mcp: true,
  agenticSteps: 3,
  agenticTokenBudget: 30_000,
  previousSecrets: [],
  signatureTtlMs: DEFAULT_SIGNATURE_TTL_MS,
};
