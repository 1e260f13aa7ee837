/** A fenced code block of a chunk's text (as the indexer writes it: markdown, code inside list steps indented). */
export type FencedBlock = {
  /** Where the block starts in the text (at its opening fence, after any list marker) and its length. */
  index: number;
  length: number;
  /** The opening fence (``` or ~~~, 3 or more) and its info string (language, title). */
  fence: string;
  info: string;
  /** The closing fence line's indentation. */
  indent: string;
  /** The lines between the fences, as written (with their indentation). */
  lines: string[];
};

const OPEN = /^([ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(`{3,}|~{3,})([^\n]*)$/;
const CLOSE = /^([ \t]*)(`{3,}|~{3,})[ \t]*$/;

/** Width of leading whitespace and list marker in columns (a tab counts 4). */
function columns(prefix: string): number {
  let width = 0;
  for (const character of prefix) width += character === '\t' ? 4 - (width % 4) : 1;
  return width;
}

/**
 * The closed fenced code blocks of `text`, in order, following CommonMark's rules that matter for chunk
 * text (https://spec.commonmark.org/0.31.2/#fenced-code-blocks): a block opens with 3 or more backticks or
 * tildes (a backtick fence's info string has no backtick), at the start of a line or after a list marker,
 * and closes at a line of the same character, at least as long, indented at most 3 columns more than the
 * opening; a fence line indented 4 or more columns further is code (a markdown example's inner block). An
 * unclosed fence is not a block.
 */
export function fencedBlocks(text: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  for (let at = 0; at < lines.length; at++) {
    const open = OPEN.exec(lines[at]!);
    if (!open) continue;
    const [, prefix, fence, info] = open as unknown as [string, string, string, string];
    if (fence[0] === '`' && info.includes('`')) continue;
    const width = columns(prefix);
    for (let end = at + 1; end < lines.length; end++) {
      const close = CLOSE.exec(lines[end]!);
      if (!close) continue;
      const [, indent, closing] = close as unknown as [string, string, string];
      if (closing[0] !== fence[0] || closing.length < fence.length) continue;
      if (columns(indent) > width + 3) continue;
      const index = starts[at]! + prefix.length;
      blocks.push({
        index,
        length: starts[end]! + lines[end]!.length - index,
        fence,
        info,
        indent,
        lines: lines.slice(at + 1, end),
      });
      at = end;
      break;
    }
  }
  return blocks;
}
