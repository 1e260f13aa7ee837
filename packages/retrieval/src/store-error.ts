export type StoreErrorCode = 'store:unavailable' | 'store:corrupt-index' | 'store:invalid-request';

const STATUS: Record<StoreErrorCode, number> = {
  'store:unavailable': 503,
  'store:corrupt-index': 503,
  'store:invalid-request': 400,
};

/** A store failure with a code that maps to an HTTP status and a message that says what to do next. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly status: number;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    this.status = STATUS[code];
  }
}
