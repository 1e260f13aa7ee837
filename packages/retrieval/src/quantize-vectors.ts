/**
 * Scalar quantization of unit vectors to int8, one scale per vector (its largest magnitude / 127), so a dot
 * product with a query is `scale * Σ query[i] * code[i]`: a quarter of float32's memory. Scales are by
 * document; the codes of document d go to row `rowOf[d]` (a permutation of 0…count − 1; default d).
 */
export function quantizeVectors(
  vectors: Float32Array,
  count: number,
  dimensions: number,
  rowOf?: Uint32Array,
): { codes: Int8Array; scales: Float32Array } {
  const codes = new Int8Array(count * dimensions);
  const scales = new Float32Array(count);
  for (let document = 0; document < count; document++) {
    const offset = document * dimensions;
    let largest = 0;
    for (let i = 0; i < dimensions; i++) largest = Math.max(largest, Math.abs(vectors[offset + i]!));
    const scale = largest / 127 || 1;
    scales[document] = scale;
    const row = (rowOf ? rowOf[document]! : document) * dimensions;
    for (let i = 0; i < dimensions; i++) codes[row + i] = Math.round(vectors[offset + i]! / scale);
  }
  return { codes, scales };
}
