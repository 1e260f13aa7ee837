import type { StreamPart } from './stream-part.js';

/**
 * Reads an AI SDK UI message stream (Server-Sent Events of `data: {json}`), calling `onPart` for each part as
 * it arrives, until `[DONE]` or the end of the body. Resolves to whether `[DONE]` came: a stream that ends
 * without it was cut off. The one SSE reader of the widget, the tests and the evaluation.
 */
export async function readStream(
  body: ReadableStream<Uint8Array>,
  onPart: (part: StreamPart) => void,
): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value, { stream: !done });
      let boundary = buffer.indexOf('\n\n');
      while (boundary >= 0) {
        const event = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (data === '[DONE]') return true;
        if (data) onPart(JSON.parse(data) as StreamPart);
        boundary = buffer.indexOf('\n\n');
      }
      if (done) return false;
    }
  } finally {
    reader.releaseLock();
  }
}
