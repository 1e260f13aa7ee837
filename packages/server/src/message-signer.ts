import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs the assistant turns the server wrote, so a later request can carry them as history: a page
 * cannot forge what "the assistant said" to steer the model, since it cannot compute the signature.
 */
export class MessageSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 16) {
      throw new Error(
        'The signing secret must be at least 16 characters: set DOCENT_SECRET to a long random string.',
      );
    }
  }

  sign(text: string): string {
    return createHmac('sha256', this.secret).update(text).digest('base64url');
  }

  verify(text: string, signature: unknown): boolean {
    if (typeof signature !== 'string') return false;
    const expected = Buffer.from(this.sign(text));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
