import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['mail me at jane.doe+docs@example.co.uk please', 'mail me at [email] please'],
    ['my key is sk-proj-AbCdEf0123456789xyz', 'my key is [key]'],
    ['token ghp_0123456789abcdefABCDEF0123456789abcd fails', 'token [key] fails'],
    ['AWS AKIAIOSFODNN7EXAMPLE is set', 'AWS [key] is set'],
    ['Authorization: Bearer abc.def-ghi_jkl012', 'Authorization: Bearer [token]'],
    [
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'jwt [token]',
    ],
    [
      'DOCENT_SECRET=hunter2hunter2 and password: "s3cret pass"',
      'DOCENT_SECRET=[secret] and password: [secret]',
    ],
    ['api_key=abc123&x=1', 'api_key=[secret]&x=1'],
    ['https://user:pa55@example.com/x', 'https://[credentials]@example.com/x'],
    ['hash 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'hash [secret]'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('leaves ordinary questions, identifiers and URLs alone', () => {
    for (const question of [
      'How do I set baseUrl in docusaurus.config.js?',
      'Why does --trust-proxy take the right-most X-Forwarded-For entry?',
      'Where is https://docs.example.com/docs/intro#install explained?',
      'What does useSelector.withTypes do with RootState?',
    ])
      expect(redactSecrets(question)).toBe(question);
  });
});
