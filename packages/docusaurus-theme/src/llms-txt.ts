/** A `- [name](url): notes` line of an llms.txt file list. */
export type LlmsLink = { title: string; url: string; notes?: string };

export type LlmsTxt = {
  title: string;
  summary?: string;
  /** Paragraphs between the summary and the first section. */
  details: string[];
  sections: { heading: string; links: LlmsLink[] }[];
  /** Links an agent may skip when its context is short (the `## Optional` section). */
  optional: LlmsLink[];
};

/** Markdown link text: brackets escaped, on one line. */
function linkText(text: string): string {
  return oneLine(text).replace(/([[\]\\])/g, '\\$1');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Notes on one line, cut at a word near 300 characters. */
function notes(text: string | undefined): string {
  if (!text) return '';
  const line = oneLine(text);
  if (line.length <= 300) return `: ${line}`;
  const cut = line.slice(0, 300);
  return `: ${cut.slice(0, Math.max(cut.lastIndexOf(' '), 200))}…`;
}

/** An absolute URL (already percent-encoded by `URL`) with the parentheses that would end the link encoded. */
function linkUrl(url: string): string {
  return url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
}

function list(links: LlmsLink[]): string {
  return links
    .map((link) => `- [${linkText(link.title)}](${linkUrl(link.url)})${notes(link.notes)}`)
    .join('\n');
}

/**
 * An llms.txt file as llmstxt.org specifies it: the H1 title, a blockquote summary, free paragraphs, then H2
 * sections of link lists, `## Optional` last.
 */
export function renderLlmsTxt(file: LlmsTxt): string {
  const parts = [`# ${oneLine(file.title)}`];
  if (file.summary) parts.push(`> ${oneLine(file.summary)}`);
  parts.push(...file.details.map(oneLine));
  for (const section of file.sections) {
    if (section.links.length > 0) parts.push(`## ${oneLine(section.heading)}\n\n${list(section.links)}`);
  }
  if (file.optional.length > 0) parts.push(`## Optional\n\n${list(file.optional)}`);
  return `${parts.join('\n\n')}\n`;
}
