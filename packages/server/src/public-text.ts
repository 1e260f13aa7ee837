const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>)]+/gi;
const SECRET_PARAMETER = /key|token|secret|password|passwd|sig|auth|credential/i;
/** An absolute file path (not part of a URL): `/srv/docs/.docent/index.docent`. */
const ABSOLUTE_PATH = /(?<![:/\w.])\/(?:[^\s/:]+\/)+([^\s/:]+)/g;

/** A URL without its user name, password, and the values of query parameters that look like secrets. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, 'redacted');
    }
    return parsed.href.replace(/%5Bredacted%5D/g, 'redacted');
  } catch {
    return '[invalid URL]';
  }
}

/**
 * Text the public may see (`/readyz`) or an operator shares (the start-up log): URLs redacted, and absolute
 * file paths cut to their file name, so neither credentials nor the server's layout leave the process.
 */
export function publicText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url)).replace(ABSOLUTE_PATH, '$1');
}
