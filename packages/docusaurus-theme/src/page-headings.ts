import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export type PageHeading = { depth: number; text: string; id: string };

const HEADING = /<h([1-6])\b[^>]*?\bid="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g;

function decode(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '')
    .trim();
}

/** The headings with an id in a built page's HTML: the anchors a link into that page can use. */
export async function pageHeadings(
  outDir: string,
  permalink: string,
  baseUrl: string,
): Promise<PageHeading[] | null> {
  const relative = permalink.startsWith(baseUrl)
    ? permalink.slice(baseUrl.length)
    : permalink.replace(/^\//, '');
  const candidates =
    relative === '' || relative.endsWith('/')
      ? [join(outDir, relative, 'index.html')]
      : [join(outDir, relative, 'index.html'), join(outDir, `${relative}.html`)];
  for (const file of candidates) {
    const html = await readFile(file, 'utf8').catch(() => null);
    if (html === null) continue;
    const article = html.slice(Math.max(0, html.indexOf('<article')));
    return [...article.matchAll(HEADING)].map((match) => ({
      depth: Number(match[1]),
      id: match[2]!,
      text: decode(match[3]!),
    }));
  }
  return null;
}
