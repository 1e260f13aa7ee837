/** The `k` largest (index, score) pairs of a candidate list, best first, with a bounded min-heap. */
export function topK(candidates: Iterable<number>, score: (index: number) => number, k: number): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  const scores: number[] = [];
  const swap = (a: number, b: number) => {
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
    [scores[a], scores[b]] = [scores[b]!, scores[a]!];
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && scores[left]! < scores[smallest]!) smallest = left;
      if (right < heap.length && scores[right]! < scores[smallest]!) smallest = right;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  for (const index of candidates) {
    const value = score(index);
    if (heap.length < k) {
      heap.push(index);
      scores.push(value);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (scores[parent]! <= scores[i]!) break;
        swap(i, parent);
        i = parent;
      }
    } else if (value > scores[0]!) {
      heap[0] = index;
      scores[0] = value;
      down(0);
    }
  }
  return heap
    .map((index, position) => ({ index, value: scores[position]! }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .map((entry) => entry.index);
}
