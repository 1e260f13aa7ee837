import { readFile } from 'node:fs/promises';
import { DenseIndex, readIndexFile } from '@docent/retrieval';

const file = await readIndexFile('/tmp/hyb26/hybrid-100000.docent');
if (file.kind !== 'image') throw new Error();
const { image } = file;
const queries = (
  JSON.parse(await readFile('/tmp/hyb26/hybrid-queries-100000.json', 'utf8')) as { vector: number[] }[]
).slice(0, 50);
const index = new DenseIndex(
  image.vectorCodes!,
  image.vectorScales!,
  1536,
  (d) => image.floatVector(d),
  image.ivf,
);
const truth = queries.map((q) => new Set(index.nearest(q.vector, () => true, 10, 1e9).keys()));
for (const probes of [4, 8, 12, 16, 24]) {
  let found = 0;
  queries.forEach((q, i) => {
    found += [...index.nearest(q.vector, () => true, 10, probes).keys()].filter((d) =>
      truth[i]!.has(d),
    ).length;
  });
  console.log(probes, found / 500);
}
