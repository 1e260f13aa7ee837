/**
 * Parts of the AI SDK UI message stream (SSE, `x-vercel-ai-ui-message-stream: v1`) as Docent sends them.
 * Order: start, source-url..., text-start, text-delta..., text-end, data-*, finish; or error at any point.
 */
export type StartPart = { type: 'start'; messageId?: string; messageMetadata?: unknown };
export type SourceUrlPart = { type: 'source-url'; sourceId: string; url: string; title?: string };
export type TextStartPart = { type: 'text-start'; id: string };
export type TextDeltaPart = { type: 'text-delta'; id: string; delta: string };
export type TextEndPart = { type: 'text-end'; id: string };
export type FinishPart = { type: 'finish'; messageMetadata?: unknown };
export type ErrorPart = { type: 'error'; errorText: string };
export type MessageMetadataPart = { type: 'message-metadata'; messageMetadata: unknown };
/** Docent facts about an answer. */
export type DocentAnswerData = {
  /** True when the docs did not seem to cover the question. */
  declined: boolean;
  /**
   * Who declined: `retrieval` (the evidence was too weak to try) or `model` (the LLM read the sources and
   * found they do not answer the question).
   */
  declinedBy?: 'retrieval' | 'model';
  /** How the answer was made. */
  mode: 'llm' | 'extractive';
  /** The answerability score (0..1) the decision read, for diagnostics. */
  topScore: number;
};
export type DataAnswerPart = { type: 'data-answer'; id?: string; data: DocentAnswerData };

export type StreamPart =
  | StartPart
  | SourceUrlPart
  | TextStartPart
  | TextDeltaPart
  | TextEndPart
  | FinishPart
  | ErrorPart
  | MessageMetadataPart
  | DataAnswerPart;

export const UI_MESSAGE_STREAM_HEADER = 'x-vercel-ai-ui-message-stream';
export const UI_MESSAGE_STREAM_VERSION = 'v1';

/** Encodes one part as a Server-Sent Event. */
export function encodeStreamPart(part: StreamPart): string {
  return `data: ${JSON.stringify(part)}\n\n`;
}

export const STREAM_DONE = 'data: [DONE]\n\n';
