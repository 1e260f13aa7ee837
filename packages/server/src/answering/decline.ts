import type { Chunk } from '@docent/protocol';
import { pagePath, type SearchHit } from '@docent/retrieval';
import { answerabilityOf } from './answerability-score.js';

/** How an answer ended, as far as declining goes: `retrieval` declined before the model, or the `model` did. */
export type AnswerResult = { declined: boolean; declinedBy?: 'retrieval' | 'model' };

/** Pages offered when declining. */
const NEAREST_PAGES = 3;

/**
 * Everything about declining, in one place. Before the answer: whether the evidence is too weak to try
 * (the answerability score under the threshold), and which sources to show (the nearest pages when
 * declining, else the best distinct sections). After it: what was declined and by whom, counted once.
 */
export function decideDecline(
  hits: SearchHit[],
  limits: { declineThreshold: number; sourcesLimit: number },
): { declined: boolean; topScore: number; sources: Chunk[] } {
  const topScore = answerabilityOf(hits);
  const declined = topScore < limits.declineThreshold;
  return {
    declined,
    topScore,
    sources: declined ? nearestPages(hits) : distinctUrls(hits).slice(0, limits.sourcesLimit),
  };
}

/** The words of a decline: the docs do not seem to cover this, with the nearest pages as links. */
export function declineText(sources: Chunk[]): string {
  if (sources.length === 0)
    return 'The docs do not seem to cover this, and no page comes close. Try other words, or browse the docs.';
  const links = sources.map(
    (source, index) => `- [${source.headings.join(' › ')}](${source.url}) [${index + 1}]`,
  );
  return `The docs do not seem to cover this. These pages are the closest:\n\n${links.join('\n')}`;
}

/** Who declined a finished answer: retrieval (before the model), the model (its marker), or nobody. */
export function declineOutcome(byRetrieval: boolean, byModel: boolean): AnswerResult {
  if (byRetrieval) return { declined: true, declinedBy: 'retrieval' };
  if (byModel) return { declined: true, declinedBy: 'model' };
  return { declined: false };
}

function distinctUrls(hits: SearchHit[]): Chunk[] {
  const seen = new Set<string>();
  return hits.map((hit) => hit.chunk).filter((chunk) => !seen.has(chunk.url) && seen.add(chunk.url));
}

/**
 * The best hit of each page, as a reader tells pages apart: one per page path, compared decoded
 * (`/docs/caf%C3%A9` is `/docs/café`), and one per page title, since two links with the same name (a post
 * on its own page and on a list page) read as the same page listed twice.
 */
function nearestPages(hits: SearchHit[]): Chunk[] {
  const paths = new Set<string>();
  const titles = new Set<string>();
  const pages: Chunk[] = [];
  for (const { chunk } of hits) {
    const path = decodedPath(pagePath(chunk.url));
    const title = (chunk.headings[0] ?? chunk.title).trim().toLowerCase();
    if (paths.has(path) || titles.has(title)) continue;
    paths.add(path);
    titles.add(title);
    pages.push(chunk);
    if (pages.length === NEAREST_PAGES) break;
  }
  return pages;
}

function decodedPath(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}
