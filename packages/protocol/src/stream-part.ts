/**
 * Parts of the AI SDK UI message stream (SSE, `x-vercel-ai-ui-message-stream: v1`) as Docent sends them.
 * Order: start, source-url..., [tool-input-available, tool-output-available|tool-output-error, source-url...]
 * (steps of agentic retrieval), text-start, text-delta..., text-end, data-notice?, data-answer, finish; or
 * error at any point. A model may write some text before a step; the step's parts then come between deltas.
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
  /** Set when the answer did not end on its own (see `CutOffReason`); a `data-notice` part said so too. */
  cutOff?: CutOffReason;
  /** The language model that answered (as its API named it), with an LLM. */
  model?: string;
  /** Tokens the model took for this answer (all its calls), from the API's usage when it sent it. */
  usage?: { promptTokens: number; completionTokens: number };
  /** Searches and reads the model made itself (agentic retrieval). */
  steps?: number;
};
export type DataAnswerPart = { type: 'data-answer'; id?: string; data: DocentAnswerData };

/**
 * Why an answer was cut off: the model hit its output limit (`length`), its stream ended without a finish
 * reason (`no-finish`), its content filter stopped it (`content-filter`), Docent's own length bound cut it
 * (`answer-bound`), or the model kept searching past the step limit or token budget without answering
 * (`step-limit`).
 */
export type CutOffReason = 'length' | 'no-finish' | 'content-filter' | 'answer-bound' | 'step-limit';
/** Something the reader must be told about the answer, after its text: the widget shows it. */
export type DataNoticePart = { type: 'data-notice'; data: { kind: 'cut-off'; reason: CutOffReason } };

/** A step of agentic retrieval, as the AI SDK's dynamic tool parts: what the model searched for or read. */
export type ToolInputAvailablePart = {
  type: 'tool-input-available';
  toolCallId: string;
  toolName: string;
  input: unknown;
  dynamic: true;
};
/** What a step found: the sources (numbered as the answer cites them) it added. */
export type DocentStepOutput = { sources: { sourceId: string; url: string; title: string }[] };
export type ToolOutputAvailablePart = {
  type: 'tool-output-available';
  toolCallId: string;
  output: DocentStepOutput;
  dynamic: true;
};
export type ToolOutputErrorPart = {
  type: 'tool-output-error';
  toolCallId: string;
  errorText: string;
  dynamic: true;
};

export type StreamPart =
  | StartPart
  | SourceUrlPart
  | TextStartPart
  | TextDeltaPart
  | TextEndPart
  | FinishPart
  | ErrorPart
  | MessageMetadataPart
  | DataAnswerPart
  | DataNoticePart
  | ToolInputAvailablePart
  | ToolOutputAvailablePart
  | ToolOutputErrorPart;

export const UI_MESSAGE_STREAM_HEADER = 'x-vercel-ai-ui-message-stream';
export const UI_MESSAGE_STREAM_VERSION = 'v1';

/** Encodes one part as a Server-Sent Event. */
export function encodeStreamPart(part: StreamPart): string {
  return `data: ${JSON.stringify(part)}\n\n`;
}

export const STREAM_DONE = 'data: [DONE]\n\n';
