/** One part of the AI SDK UI message stream, as the widget reads it. */
export type StreamPart =
  | { type: 'start'; messageId?: string }
  | { type: 'source-url'; sourceId: string; url: string; title?: string }
  | { type: 'text-start' | 'text-end'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'data-answer'; data: { declined: boolean; mode: string } }
  | { type: 'finish'; messageMetadata?: { signature?: string; declined?: boolean } }
  | { type: 'error'; errorText: string }
  | { type: string; [key: string]: unknown };

/** Reads a Server-Sent Events body of `data: {json}` events, calling `onPart` for each, until `[DONE]`. */
export async function readStream(
  body: ReadableStream<Uint8Array>,
  onPart: (part: StreamPart) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
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
      if (data === '[DONE]') return;
      if (data) onPart(JSON.parse(data) as StreamPart);
      boundary = buffer.indexOf('\n\n');
    }
    if (done) return;
  }
}
