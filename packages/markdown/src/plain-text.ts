import { toString as nodeText } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const inlineProcessor = unified().use(remarkParse).freeze();
const seen = new Map<string, string>();

/**
 * A line of inline markdown as a reader sees it rendered: link and image text without their URLs, character
 * references decoded (`&lt;` is `<`), backslash escapes dropped (`\[` is `[`), emphasis and code marks gone.
 * Parsed by remark (CommonMark), so every rule is CommonMark's. Results are remembered (headings repeat).
 */
export function plainText(markdown: string): string {
  let text = seen.get(markdown);
  if (text === undefined) {
    // A leading `#`, `>`, `-` or `1.` would start a block; the text is read as one paragraph's content.
    const tree = inlineProcessor.parse(`\u200b${markdown}`);
    text = nodeText(tree)
      .replace(/\u200b/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (seen.size > 10_000) seen.clear();
    seen.set(markdown, text);
  }
  return text;
}
