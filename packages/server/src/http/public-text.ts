import { redactUrl, redactUrls } from '@docent/retrieval';

export { redactUrl };

/** An absolute file path (not part of a URL): `/srv/docs/.docent/index.docent`. */
const ABSOLUTE_PATH = /(?<![:/\w.])\/(?:[^\s/:]+\/)+([^\s/:]+)/g;

/**
 * Text the public may see (`/readyz`) or an operator shares (the start-up log): URLs redacted, and absolute
 * file paths cut to their file name, so neither credentials nor the server's layout leave the process.
 */
export function publicText(text: string): string {
  return redactUrls(text).replace(ABSOLUTE_PATH, '$1');
}

/** A log sink whose every line goes through the one URL redaction first (credentials, `api-key` values). */
export function redactingLog(log: (line: string) => void): (line: string) => void {
  return (line) => log(redactUrls(line));
}
