import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildNode, Element } from 'domhandler';
import { findAll, findOne, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';

export type PageHeading = { depth: number; text: string; id: string };

const HEADING_TAG = /^h([1-6])$/;

/** The heading's text as a reader sees it: without Docusaurus's hash link (a zero-width space) and spaces trimmed. */
function headingText(heading: Element): string {
  const visible = heading.children.filter(
    (child) =>
      !(
        child.type === 'tag' &&
        child.name === 'a' &&
        (child.attribs.class ?? '').split(/\s+/).includes('hash-link')
      ),
  );
  return textContent(visible as ChildNode[])
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The headings with an id in a page's HTML (inside its `<article>` when it has one): the anchors a link into
 * that page can use. Read with an HTML parser, so every output Docusaurus writes works: quoted or unquoted
 * attributes (the v4 future flags minify `id=getting-started`), entities, inline code and links in headings.
 */
export function headingsOfHtml(html: string): PageHeading[] {
  const document = parseDocument(html);
  const article = findOne((element) => element.name === 'article', document.children, true);
  const scope = article ? [article] : document.children;
  return findAll((element) => HEADING_TAG.test(element.name) && Boolean(element.attribs.id), scope).map(
    (element) => ({
      depth: Number(HEADING_TAG.exec(element.name)![1]),
      id: element.attribs.id!,
      text: headingText(element),
    }),
  );
}

/** The headings of a built page, found from its permalink; null when the page's HTML is not there. */
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
    if (html !== null) return headingsOfHtml(html);
  }
  return null;
}
