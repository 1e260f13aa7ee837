/** Any absolute URL in a line of text (any scheme with `//`: http, https, postgres, redis...). */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{1,31}:\/\/[^\s"'<>)]+/gi;
/** Query parameter names whose values are secrets (`api-key`, `access_token`, `sig`...). */
const SECRET_PARAMETER = /key|token|secret|password|passwd|pwd|sig|auth|credential/i;

/**
 * A URL without its user name, password, and the values of query parameters that look like secrets
 * (`http://u:p@host/?api-key=K` -> `http://host/?api-key=redacted`); `[invalid URL]` when it does not parse.
 * The one redaction for every URL an error message or a log line may hold.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, 'redacted');
    }
    return parsed.href;
  } catch {
    return '[invalid URL]';
  }
}

/** `text` with every absolute URL in it passed through `redactUrl` (error messages, log lines). */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}
