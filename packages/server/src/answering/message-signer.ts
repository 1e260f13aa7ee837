import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a signature vouches for: this answer, to this question, in this conversation. */
export type SignedTurn = { conversationId: string; question: string; answer: string };

const VERSION = 'v1';
/** How long a signed answer may be sent back as history (a day: a reader's session, not forever). */
export const DEFAULT_SIGNATURE_TTL_MS = 24 * 60 * 60 * 1000;

function keyId(secret: string): string {
  return createHash('sha256').update(`docent-key:${secret}`).digest('hex').slice(0, 8);
}

/**
 * Signs the assistant turns the server wrote, so a later request can carry them as history: a page cannot
 * forge what "the assistant said" to steer the model, since it cannot compute the signature. A signature is
 * `v1.<key id>.<expiry>.<mac>` over the conversation id, the question and the answer: it does not replay into
 * another conversation or after another question, and it expires. Secrets rotate: the first one signs, every
 * one verifies, found by key id (`DOCENT_SECRET`, then `DOCENT_PREVIOUS_SECRETS`).
 */
export class MessageSigner {
  private readonly keys: Map<string, string>;
  private readonly current: string;

  constructor(
    secrets: string | string[],
    private readonly ttlMs = DEFAULT_SIGNATURE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    const list = Array.isArray(secrets) ? secrets : [secrets];
    if (list.length === 0 || list.some((secret) => secret.length < 16)) {
      throw new Error(
        'The signing secret must be at least 16 characters: set DOCENT_SECRET to a long random string.',
      );
    }
    this.keys = new Map(list.map((secret) => [keyId(secret), secret]));
    this.current = keyId(list[0]!);
  }

  private mac(secret: string, expires: string, turn: SignedTurn): string {
    return createHmac('sha256', secret)
      .update([VERSION, expires, turn.conversationId, turn.question, turn.answer].join('\u0000'))
      .digest('base64url');
  }

  sign(turn: SignedTurn): string {
    const expires = (this.now() + this.ttlMs).toString(36);
    return [VERSION, this.current, expires, this.mac(this.keys.get(this.current)!, expires, turn)].join('.');
  }

  verify(turn: SignedTurn, signature: unknown): boolean {
    if (typeof signature !== 'string' || signature.length > 200) return false;
    const [version, kid, expires, mac, extra] = signature.split('.');
    if (version !== VERSION || !kid || !expires || !mac || extra !== undefined) return false;
    const secret = this.keys.get(kid);
    const expiry = Number.parseInt(expires, 36);
    if (!secret || !Number.isFinite(expiry) || expiry < this.now()) return false;
    const expected = Buffer.from(this.mac(secret, expires, turn));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
