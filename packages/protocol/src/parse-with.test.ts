import { describe, expect, it } from 'vitest';
import { chatRequestSchema, manifestSchema, messageText } from './index.js';
import { parseWith } from './parse-with.js';

describe('parseWith', () => {
  it('accepts an AI SDK chat request and keeps its context', () => {
    const result = parseWith(chatRequestSchema, {
      id: 'chat-1',
      messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'How do I install?' }] }],
      context: { locale: 'fr', version: '2.x', path: '/docs/intro' },
    });
    expect(result.success).toBe(true);
    if (result.success) {
      expect(result.data.context?.locale).toBe('fr');
      expect(messageText(result.data.messages[0]!)).toBe('How do I install?');
    }
  });

  it('names the path of each problem', () => {
    const result = parseWith(chatRequestSchema, { messages: [{ role: 'robot', parts: [] }] });
    expect(result).toEqual({ success: false, error: expect.stringContaining('messages[0].role') });
  });

  it('refuses an empty message list with a sentence that says what to send', () => {
    const result = parseWith(chatRequestSchema, { messages: [] });
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error).toContain('send at least one message');
  });

  it('refuses a manifest of another format version', () => {
    const result = parseWith(manifestSchema, {
      manifestVersion: 2,
      siteUrl: '',
      baseUrl: '/',
      defaultLocale: 'en',
      locales: [],
      routes: [],
    });
    expect(result.success).toBe(false);
  });
});
