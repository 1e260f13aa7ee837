/**
 * What a reader may paste into a question that must not be stored: email addresses, bearer tokens, API keys
 * (OpenAI, GitHub, Slack, AWS, Stripe style), JWTs, `key=value` secrets, credentials in URLs and long random
 * strings. Each is replaced by a bracketed label, so the question stays readable in the report.
 */
const PATTERNS: [RegExp, string][] = [
  [/\b(https?:\/\/)[^\s/:@]+:[^\s/@]+@/gi, '$1[credentials]@'],
  [/\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b/gi, '[email]'],
  [/\beyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}\b/g, '[token]'],
  [/\bBearer\s+[\w.~+/-]{8,}=*/gi, 'Bearer [token]'],
  [/\b(?:sk|pk|rk)[-_](?:live[-_]|test[-_]|proj[-_])?[\w-]{12,}\b/g, '[key]'],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abprs]-[\w-]{10,}|AKIA[0-9A-Z]{16})\b/g, '[key]'],
  [
    /\b((?:[\w-]*[-_])?(?:api[-_]?key|access[-_]?token|auth[-_]?token|token|secret|password|passwd|pwd)\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s"'&,;]+)/gi,
    '$1[secret]',
  ],
  [/\b(?=[A-Za-z0-9+/_-]*\d)(?=[A-Za-z0-9+/_-]*[A-Za-z])[A-Za-z0-9+/_-]{32,}={0,2}/g, '[secret]'],
];

/**
 * A page the reader asked from, as the logs keep it: without its query string (where sign-in links carry
 * tokens: `/docs/x?token=ghp_…`), its fragment kept, and any secret left in the path redacted.
 */
export function redactPage(page: string): string {
  const [path = '', ...fragment] = page.split('#');
  const withoutQuery = path.split('?')[0]!;
  return redactSecrets(fragment.length ? `${withoutQuery}#${fragment.join('#')}` : withoutQuery);
}

/** `text` with every secret `PATTERNS` finds replaced by its label (`[email]`, `[token]`, `[key]`…). */
export function redactSecrets(text: string): string {
  let redacted = text;
  for (const [pattern, replacement] of PATTERNS) redacted = redacted.replace(pattern, replacement);
  return redacted;
}
