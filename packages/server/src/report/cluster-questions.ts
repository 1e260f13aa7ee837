import { analyzerFor, UNSPACED } from '@docent/retrieval';

export type QuestionCluster = {
  /** Indexes into the questions given, most central first. */
  members: number[];
  /** The cluster's most weighty words, as readers wrote them. */
  words: string[];
};

/** Two questions (or a question and a cluster) this similar (cosine of tf-idf vectors) are one topic. */
const SIMILARITY = 0.3;
/** Weight of a question's missing words (no page contains them): they name the topic the docs lack. */
const MISSING_WEIGHT = 3;
/** Most clusters a question is compared with: those sharing its rarest terms first (keeps grouping linear). */
const MAX_CANDIDATES = 200;

/**
 * Groups similar questions with the project's own analyzer (stemmed terms, identifiers kept whole): each
 * question is a tf-idf vector (its missing words, which name what the docs lack, weigh more); a question joins the cluster whose centroid it is most similar to, above
 * `SIMILARITY`, else starts one. Candidate clusters are found through the terms they share, so grouping
 * stays near-linear in the number of questions. Deterministic: same questions, same clusters.
 */
export function clusterQuestions(
  questions: readonly string[],
  missingWords: readonly (readonly string[])[] = [],
  locales: readonly (string | null | undefined)[] = [],
): QuestionCluster[] {
  // Each question is analysed in its own locale (a Chinese question is cut into words, not one token).
  const analyze = (index: number, text: string) => analyzerFor(locales[index] ?? undefined).analyze(text);
  const termLists = questions.map((question, index) => analyze(index, question));
  const documentFrequency = new Map<string, number>();
  for (const terms of termLists) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const idf = (term: string) => Math.log(1 + questions.length / (documentFrequency.get(term) ?? 1));
  const vectors = termLists.map((terms, index) => {
    const missing = new Set((missingWords[index] ?? []).flatMap((word) => analyze(index, word)));
    const vector = new Map<string, number>();
    for (const term of terms) {
      vector.set(term, (vector.get(term) ?? 0) + idf(term) * (missing.has(term) ? MISSING_WEIGHT : 1));
    }
    const norm = Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
    for (const [term, value] of vector) vector.set(term, value / norm);
    return vector;
  });

  // A cluster keeps the sum of its members' unit vectors and that sum's norm, both updated per member in
  // time proportional to the member's terms (the cosine with the sum is the cosine with the mean).
  type Building = { members: number[]; centroid: Map<string, number>; norm: number; squared: number };
  const clusters: Building[] = [];
  const clustersWithTerm = new Map<string, Set<number>>();
  for (const [index, vector] of vectors.entries()) {
    if (vector.size === 0) continue;
    const candidates = new Set<number>();
    const rarestFirst = [...vector.keys()].sort(
      (a, b) =>
        (clustersWithTerm.get(a)?.size ?? 0) - (clustersWithTerm.get(b)?.size ?? 0) || (a < b ? -1 : 1),
    );
    for (const term of rarestFirst) {
      for (const cluster of clustersWithTerm.get(term) ?? []) {
        if (candidates.size >= MAX_CANDIDATES) break;
        candidates.add(cluster);
      }
    }
    let best = -1;
    let bestSimilarity = SIMILARITY;
    for (const candidate of [...candidates].sort((a, b) => a - b)) {
      const similarity = cosine(vector, clusters[candidate]!);
      if (similarity >= bestSimilarity) {
        best = candidate;
        bestSimilarity = similarity;
      }
    }
    if (best < 0) {
      best = clusters.length;
      clusters.push({ members: [], centroid: new Map(), norm: 0, squared: 0 });
    }
    const cluster = clusters[best]!;
    cluster.members.push(index);
    for (const [term, value] of vector) {
      const before = cluster.centroid.get(term) ?? 0;
      cluster.centroid.set(term, before + value);
      cluster.squared += 2 * before * value + value * value;
      const holders = clustersWithTerm.get(term) ?? new Set<number>();
      clustersWithTerm.set(term, holders);
      holders.add(best);
    }
    cluster.norm = Math.sqrt(Math.max(cluster.squared, 0));
  }
  return clusters
    .map((cluster) => ({
      members: [...cluster.members].sort(
        (a, b) => cosine(vectors[b]!, cluster) - cosine(vectors[a]!, cluster) || a - b,
      ),
      words: topWords(
        cluster.centroid,
        cluster.members.map((member) => questions[member]!),
        (text) => analyze(cluster.members[0]!, text),
      ),
    }))
    .sort((a, b) => b.members.length - a.members.length || a.members[0]! - b.members[0]!);
}

/** Cosine of a unit vector with a centroid whose norm is kept alongside it. */
function cosine(unit: Map<string, number>, cluster: { centroid: Map<string, number>; norm: number }): number {
  let dot = 0;
  for (const [term, value] of unit) dot += value * (cluster.centroid.get(term) ?? 0);
  return cluster.norm > 0 ? dot / cluster.norm : 0;
}

/**
 * The centroid's three heaviest terms, each shown as the word readers used most for it (a term of Chinese or
 * Japanese text is a word as written).
 */
function topWords(
  centroid: Map<string, number>,
  questions: string[],
  analyze: (text: string) => string[],
): string[] {
  const surfaces = new Map<string, Map<string, number>>();
  for (const question of questions) {
    for (const word of question.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}._/@-]*/gu) ?? []) {
      if (UNSPACED.test(word)) continue;
      for (const term of analyze(word)) {
        const forms = surfaces.get(term) ?? new Map<string, number>();
        surfaces.set(term, forms);
        forms.set(word, (forms.get(word) ?? 0) + 1);
      }
    }
  }
  return [...centroid.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 3)
    .map(([term]) => {
      const forms = [...(surfaces.get(term) ?? new Map<string, number>()).entries()];
      return forms.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? term;
    });
}
