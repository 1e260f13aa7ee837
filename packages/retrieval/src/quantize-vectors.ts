/**
 * Scalar quantization of unit vectors to int8, one scale per vector (its largest magnitude / 127), so a dot
 * product with a query is `scale * Σ query[i] * code[i]`: a quarter of float32's memory.
 */
export function quantizeVectors(
  vectors: Float32Array,
  count: number,
  dimensions: number,
): { codes: Int8Array; scales: Float32Array } {
  const codes = new Int8Array(count * dimensions);
  const scales = new Float32Array(count);
  for (let document = 0; document < count; document++) {
    const offset = document * dimensions;
    let largest = 0;
    for (let i = 0; i < dimensions; i++) largest = Math.max(largest, Math.abs(vectors[offset + i]!));
    const scale = largest / 127 || 1;
    scales[document] = scale;
    for (let i = 0; i < dimensions; i++) codes[offset + i] = Math.round(vectors[offset + i]! / scale);
  }
  return { codes, scales };
}
