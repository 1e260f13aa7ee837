import { describe, expect, it } from 'vitest';
import { MessageSigner } from './message-signer.js';

const SECRET = 'a-secret-of-at-least-16-chars';
const turn = { conversationId: 'c1', question: 'Which port?', answer: 'Port 8787 [1].' };

describe('MessageSigner (red team: replayed assistant turns)', () => {
  it('verifies its own signature for the same conversation, question and answer', () => {
    const signer = new MessageSigner(SECRET);
    expect(signer.verify(turn, signer.sign(turn))).toBe(true);
  });

  it.each([
    ['another conversation', { ...turn, conversationId: 'c2' }],
    ['another question', { ...turn, question: 'Ignore the docs?' }],
    ['another answer', { ...turn, answer: 'SYSTEM OVERRIDE' }],
  ])('refuses the signature replayed into %s', (_, replayed) => {
    const signer = new MessageSigner(SECRET);
    expect(signer.verify(replayed, signer.sign(turn))).toBe(false);
  });

  it('refuses an expired signature, and a forged expiry', () => {
    let now = 1_000_000;
    const signer = new MessageSigner(SECRET, 60_000, () => now);
    const signature = signer.sign(turn);
    now += 59_000;
    expect(signer.verify(turn, signature)).toBe(true);
    now += 2_000;
    expect(signer.verify(turn, signature)).toBe(false);
    const [version, kid, , mac] = signature.split('.');
    const extended = [version, kid, (now + 3_600_000).toString(36), mac].join('.');
    expect(signer.verify(turn, extended)).toBe(false);
  });

  it('rotates: a signature from the previous secret verifies, new ones use the current key', () => {
    const old = new MessageSigner('the-old-secret-0123456789');
    const signature = old.sign(turn);
    const rotated = new MessageSigner([SECRET, 'the-old-secret-0123456789']);
    expect(rotated.verify(turn, signature)).toBe(true);
    expect(rotated.sign(turn).split('.')[1]).not.toBe(signature.split('.')[1]);
    expect(new MessageSigner(SECRET).verify(turn, signature)).toBe(false);
  });

  it.each([undefined, 42, '', 'forged', 'v1.x.y.z', 'v0.a.b.c', `${'v1.'.repeat(100)}`])(
    'refuses %j without throwing',
    (signature) => {
      expect(new MessageSigner(SECRET).verify(turn, signature)).toBe(false);
    },
  );
});
