import { redactUrls } from '@docent/retrieval';

/** `type:surface` codes; each maps to one HTTP status. */
export type DocentErrorCode =
  | 'request:invalid-json'
  | 'request:unsupported-media-type'
  | 'request:invalid'
  | 'request:too-large'
  | 'request:question-too-long'
  | 'request:too-many-turns'
  | 'request:unknown-locale'
  | 'request:unknown-version'
  | 'request:origin-not-allowed'
  | 'request:rate-limited'
  | 'request:not-found'
  | 'request:method-not-allowed'
  | 'request:batch-not-allowed'
  | 'store:unavailable'
  | 'store:not-ready'
  | 'server:internal';

const STATUS: Record<DocentErrorCode, number> = {
  'request:invalid-json': 400,
  'request:unsupported-media-type': 415,
  'request:invalid': 400,
  'request:too-large': 413,
  'request:question-too-long': 400,
  'request:too-many-turns': 400,
  'request:unknown-locale': 400,
  'request:unknown-version': 400,
  'request:origin-not-allowed': 403,
  'request:rate-limited': 429,
  'request:not-found': 404,
  'request:method-not-allowed': 405,
  'request:batch-not-allowed': 400,
  'store:unavailable': 503,
  'store:not-ready': 503,
  'server:internal': 500,
};

/** A failure a client can act on: a code, the HTTP status it maps to, and a sentence saying what to do. */
export class DocentError extends Error {
  readonly code: DocentErrorCode;
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(
    code: DocentErrorCode,
    message: string,
    options: { headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    // Whatever the message quotes (a store's URL, a model's error), credentials never reach a client.
    super(redactUrls(message), { cause: options.cause });
    this.name = 'DocentError';
    this.code = code;
    this.status = STATUS[code];
    this.headers = options.headers ?? {};
  }

  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}
