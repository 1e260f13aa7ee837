import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, type ServerConfig } from './http/server-config.js';

export const SERVER_USAGE = `Usage: docent-server [options]      (every option also has an environment variable)

  --index <file>             local index file (default .docent/index.docent)          DOCENT_INDEX
  --store local|qdrant       (default local)                                          DOCENT_STORE
  --qdrant-url <url>                                                                  QDRANT_URL, QDRANT_API_KEY
  --collection <name>        Qdrant alias (default docent)                            DOCENT_COLLECTION
  --ivf-probes <n>           local index with vectors: IVF lists scanned per question DOCENT_IVF_PROBES
                             (indexes of 4,096+ vectors; more is closer to exact, slower; default 16)
  --port <n>                 (default 8787)                                           PORT, DOCENT_PORT
  --host <address>           (default 0.0.0.0)                                        DOCENT_HOST
  --llm-model <name>         answer with an OpenAI-compatible LLM (default: extractive, no LLM)
                                                                                      DOCENT_LLM_MODEL
  --llm-base-url <url>       OpenAI, Azure, Ollama, vLLM, llama.cpp, LM Studio...     DOCENT_LLM_BASE_URL, OPENAI_BASE_URL
                             (the key comes from DOCENT_LLM_API_KEY or OPENAI_API_KEY; with a key and no model,
                             gpt-4o-mini is used)
  --agentic-steps <n>        with an LLM that supports tools, searches and reads the model may make
                             itself before answering, 0 to 10; 0 turns it off (default ${DEFAULT_CONFIG.agenticSteps})  DOCENT_AGENTIC_STEPS
  --agentic-token-budget <n> tokens (all the model's calls for one answer, at least 1000) after
                             which it gets no more steps (default ${DEFAULT_CONFIG.agenticTokenBudget})      DOCENT_AGENTIC_TOKEN_BUDGET
  --embedding-model <name>   embed questions (must match the indexer's model)         DOCENT_EMBEDDING_MODEL
  --embedding-base-url <url>                                                          DOCENT_EMBEDDING_BASE_URL
  --allowed-origins <list>   comma-separated origins allowed to call the API (default *)  DOCENT_ALLOWED_ORIGINS
  --decline-threshold <0..1> minimum answerability score to answer (default ${DEFAULT_CONFIG.declineThreshold})
                                                                                      DOCENT_DECLINE_THRESHOLD
  --rate-limit <burst>/<per-minute>  per-client limit, "off" to disable (default ${DEFAULT_CONFIG.rateLimit?.burst}/${DEFAULT_CONFIG.rateLimit?.perMinute})
                                                                                      DOCENT_RATE_LIMIT
  --rate-limit-store <url>   share the limit across replicas in Redis (redis://host:6379, DOCENT_RATE_LIMIT_STORE
                             rediss:// for TLS); while Redis is unreachable each replica
                             limits on its own, /readyz and /metrics say so (default: per process)
  --max-question-length <n>  (default ${DEFAULT_CONFIG.maxQuestionLength})                                      DOCENT_MAX_QUESTION_LENGTH
  --max-turns <n>            (default ${DEFAULT_CONFIG.maxTurns})                                            DOCENT_MAX_TURNS
  --max-body-bytes <n>       (default ${DEFAULT_CONFIG.maxBodyBytes})                                         DOCENT_MAX_BODY_BYTES
  --answer-timeout-ms <n>    (default ${DEFAULT_CONFIG.answerTimeoutMs})                                         DOCENT_ANSWER_TIMEOUT_MS
  --trust-proxy              behind one reverse proxy: the reader is the right-most    DOCENT_TRUST_PROXY=1
                             X-Forwarded-For entry (DOCENT_TRUST_PROXY=<n> for n proxies)
  --feedback-file <file>     append feedback as JSON lines                            DOCENT_FEEDBACK_FILE
  --question-log <target>    record questions and feedback (secrets redacted, no IPs): DOCENT_QUESTION_LOG
                             a JSONL file (rotated at 50 MB) or postgres://user:pass@host/db
  --static <dir>             also serve a built site from this folder (the demo), under DOCENT_STATIC
                             the site's baseUrl (recorded in the index by docent-index --site)
  --mcp on|off               the MCP endpoint at /mcp for IDE agents (default on)     DOCENT_MCP
  --default-version <name>   the docs version a question with none searches          DOCENT_DEFAULT_VERSION
                             (default: the version at the docs root, from the site's build)
  --site-url <url>           the docs site's URL, for absolute links in MCP results    DOCENT_SITE_URL
                             (default: the URL the site was built with, from the index)
  DOCENT_SECRET              HMAC secret for signing answers (set it when running several replicas)
  DOCENT_PREVIOUS_SECRETS    comma-separated earlier secrets, still accepted (rotation)
  -h, --help`;

export type ServerOptions = {
  index: string;
  store: 'local' | 'qdrant';
  qdrantUrl?: string;
  qdrantApiKey?: string;
  collection: string;
  /** IVF lists the local store's dense search scans per question (default: the store's, 16). */
  ivfProbes?: number;
  port: number;
  host: string;
  llm?: { model: string; baseURL?: string; apiKey?: string };
  embedding?: { model: string; baseURL?: string; apiKey?: string };
  feedbackFile?: string;
  questionLog?: string;
  staticDir?: string;
  config: ServerConfig;
  secretGenerated: boolean;
};

export class ServerUsageError extends Error {
  override name = 'ServerUsageError';
}

function number(
  value: string | undefined,
  name: string,
  fallback: number,
  check: (n: number) => boolean = (n) => n > 0,
  range = 'in range',
): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || !check(parsed))
    throw new ServerUsageError(`${name} must be a number ${range}, not "${value}".`);
  return parsed;
}

/** Reads flags and environment variables into the server's options; a wrong value says what to write. */
export function parseServerOptions(argv: string[], env: NodeJS.ProcessEnv): ServerOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    const strings = [
      'index',
      'store',
      'qdrant-url',
      'collection',
      'ivf-probes',
      'port',
      'host',
      'llm-model',
      'llm-base-url',
      'agentic-steps',
      'agentic-token-budget',
      'embedding-model',
      'embedding-base-url',
      'allowed-origins',
      'decline-threshold',
      'rate-limit',
      'rate-limit-store',
      'max-question-length',
      'max-turns',
      'max-body-bytes',
      'answer-timeout-ms',
      'feedback-file',
      'question-log',
      'static',
      'mcp',
      'site-url',
      'default-version',
    ];
    const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
      'trust-proxy': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    };
    for (const name of strings) options[name] = { type: 'string' };
    // `pnpm run serve -- --index …` (pnpm 12) passes the `--` on: skip a leading one.
    const args = argv[0] === '--' ? argv.slice(1) : argv;
    values = parseArgs({ args, options }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new ServerUsageError(`${(error as Error).message}. Run docent-server --help for the options.`);
  }
  if (values.help) return 'help';
  const flag = (name: string, variable?: string) =>
    (values[name] as string | undefined) ?? (variable ? env[variable] : undefined);
  const store = flag('store', 'DOCENT_STORE') ?? 'local';
  if (store !== 'local' && store !== 'qdrant')
    throw new ServerUsageError(`--store must be "local" or "qdrant", not "${store}".`);
  const qdrantUrl = flag('qdrant-url', 'QDRANT_URL');
  if (store === 'qdrant' && !qdrantUrl)
    throw new ServerUsageError('--store qdrant needs --qdrant-url or QDRANT_URL (e.g. http://qdrant:6333).');
  const rate = flag('rate-limit', 'DOCENT_RATE_LIMIT');
  let rateLimit = DEFAULT_CONFIG.rateLimit;
  if (rate === 'off') rateLimit = null;
  else if (rate) {
    const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(rate);
    if (!match)
      throw new ServerUsageError(
        `--rate-limit takes <burst>/<per-minute> such as 10/30, or "off"; not "${rate}".`,
      );
    rateLimit = { burst: Number(match[1]), perMinute: Number(match[2]) };
  }
  const rateStore = flag('rate-limit-store', 'DOCENT_RATE_LIMIT_STORE');
  if (rateStore !== undefined) {
    if (!/^rediss?:\/\/[^/]/.test(rateStore))
      throw new ServerUsageError(
        '--rate-limit-store takes a Redis URL such as redis://127.0.0.1:6379 (rediss:// for TLS).',
      );
    if (!rateLimit)
      throw new ServerUsageError('--rate-limit-store needs a rate limit: leave out --rate-limit off.');
    rateLimit = { ...rateLimit, store: rateStore };
  }
  const origins = flag('allowed-origins', 'DOCENT_ALLOWED_ORIGINS');
  const mcp = flag('mcp', 'DOCENT_MCP') ?? 'on';
  if (mcp !== 'on' && mcp !== 'off') throw new ServerUsageError(`--mcp must be "on" or "off", not "${mcp}".`);
  const siteUrl = flag('site-url', 'DOCENT_SITE_URL');
  if (siteUrl !== undefined && !/^https?:\/\/[^/]+/.test(siteUrl))
    throw new ServerUsageError(
      `--site-url must be an http(s) URL such as https://docs.example.com, not "${siteUrl}".`,
    );
  const llmKey = env.DOCENT_LLM_API_KEY ?? env.OPENAI_API_KEY;
  const llmModel = flag('llm-model', 'DOCENT_LLM_MODEL') ?? (llmKey ? 'gpt-4o-mini' : undefined);
  const llmBase = flag('llm-base-url', 'DOCENT_LLM_BASE_URL') ?? env.OPENAI_BASE_URL;
  const embeddingModel = flag('embedding-model', 'DOCENT_EMBEDDING_MODEL');
  const embeddingBase = flag('embedding-base-url', 'DOCENT_EMBEDDING_BASE_URL') ?? env.OPENAI_BASE_URL;
  const secret = env.DOCENT_SECRET;
  if (secret !== undefined && secret.length < 16)
    throw new ServerUsageError('DOCENT_SECRET must be at least 16 characters long.');
  const previousSecrets = (env.DOCENT_PREVIOUS_SECRETS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  if (previousSecrets.some((value) => value.length < 16))
    throw new ServerUsageError('Each of DOCENT_PREVIOUS_SECRETS must be at least 16 characters long.');
  const options: ServerOptions = {
    index: flag('index', 'DOCENT_INDEX') ?? '.docent/index.docent',
    store,
    collection: flag('collection', 'DOCENT_COLLECTION') ?? 'docent',
    port: number(
      flag('port', 'DOCENT_PORT') ?? env.PORT,
      '--port',
      8787,
      (n) => Number.isInteger(n) && n >= 0 && n < 65536,
    ),
    host: flag('host', 'DOCENT_HOST') ?? '0.0.0.0',
    config: {
      ...DEFAULT_CONFIG,
      rateLimit,
      allowedOrigins:
        !origins || origins === '*'
          ? '*'
          : origins
              .split(',')
              .map((origin) => origin.trim())
              .filter(Boolean),
      declineThreshold: number(
        flag('decline-threshold', 'DOCENT_DECLINE_THRESHOLD'),
        '--decline-threshold',
        DEFAULT_CONFIG.declineThreshold,
        (n) => n >= 0 && n <= 1,
      ),
      maxQuestionLength: number(
        flag('max-question-length', 'DOCENT_MAX_QUESTION_LENGTH'),
        '--max-question-length',
        DEFAULT_CONFIG.maxQuestionLength,
      ),
      maxTurns: number(flag('max-turns', 'DOCENT_MAX_TURNS'), '--max-turns', DEFAULT_CONFIG.maxTurns),
      maxBodyBytes: number(
        flag('max-body-bytes', 'DOCENT_MAX_BODY_BYTES'),
        '--max-body-bytes',
        DEFAULT_CONFIG.maxBodyBytes,
      ),
      answerTimeoutMs: number(
        flag('answer-timeout-ms', 'DOCENT_ANSWER_TIMEOUT_MS'),
        '--answer-timeout-ms',
        DEFAULT_CONFIG.answerTimeoutMs,
      ),
      trustProxy:
        values['trust-proxy'] === true
          ? Math.max(1, Number(env.DOCENT_TRUST_PROXY) || 1)
          : number(
              env.DOCENT_TRUST_PROXY,
              'DOCENT_TRUST_PROXY',
              0,
              (n) => Number.isInteger(n) && n >= 0 && n <= 10,
            ),
      agenticSteps: number(
        flag('agentic-steps', 'DOCENT_AGENTIC_STEPS'),
        '--agentic-steps',
        DEFAULT_CONFIG.agenticSteps,
        (n) => Number.isInteger(n) && n >= 0 && n <= 10,
        'from 0 to 10 (0 turns agentic retrieval off)',
      ),
      agenticTokenBudget: number(
        flag('agentic-token-budget', 'DOCENT_AGENTIC_TOKEN_BUDGET'),
        '--agentic-token-budget',
        DEFAULT_CONFIG.agenticTokenBudget,
        (n) => Number.isInteger(n) && n >= 1000,
        'of at least 1000',
      ),
      secret: secret ?? randomBytes(32).toString('hex'),
      previousSecrets,
      mcp: mcp === 'on',
      ...(siteUrl ? { siteUrl } : {}),
    },
    secretGenerated: secret === undefined,
  };
  if (qdrantUrl) options.qdrantUrl = qdrantUrl;
  const ivfProbes = flag('ivf-probes', 'DOCENT_IVF_PROBES');
  if (ivfProbes !== undefined)
    options.ivfProbes = number(ivfProbes, '--ivf-probes', 16, (n) => Number.isInteger(n) && n >= 1);
  if (env.QDRANT_API_KEY) options.qdrantApiKey = env.QDRANT_API_KEY;
  if (llmModel)
    options.llm = {
      model: llmModel,
      ...(llmBase ? { baseURL: llmBase } : {}),
      ...(llmKey ? { apiKey: llmKey } : {}),
    };
  if (embeddingModel) {
    const apiKey = env.DOCENT_EMBEDDING_API_KEY ?? env.OPENAI_API_KEY;
    options.embedding = {
      model: embeddingModel,
      ...(embeddingBase ? { baseURL: embeddingBase } : {}),
      ...(apiKey ? { apiKey } : {}),
    };
  }
  const feedbackFile = flag('feedback-file', 'DOCENT_FEEDBACK_FILE');
  if (feedbackFile) options.feedbackFile = feedbackFile;
  const questionLog = flag('question-log', 'DOCENT_QUESTION_LOG');
  if (questionLog) options.questionLog = questionLog;
  const defaultVersion = flag('default-version', 'DOCENT_DEFAULT_VERSION');
  if (defaultVersion) options.config.defaultVersion = defaultVersion;
  const staticDir = flag('static', 'DOCENT_STATIC');
  if (staticDir) options.staticDir = staticDir;
  return options;
}
