import { z } from 'zod';

export const textPartSchema = z.object({ type: z.literal('text'), text: z.string() });

/**
 * An AI SDK UI message. Only text parts carry meaning for Docent; other part types
 * (sources, data, step markers) are accepted and ignored so AI SDK clients work unchanged.
 */
export const uiMessageSchema = z.object({
  id: z.string().max(200).optional(),
  role: z.enum(['user', 'assistant', 'system']),
  parts: z.array(z.looseObject({ type: z.string().max(100) })).max(200),
  metadata: z.unknown().optional(),
});

export const chatContextSchema = z.object({
  locale: z.string().max(35).optional(),
  version: z.string().max(100).optional(),
  path: z.string().max(2000).optional(),
  selection: z.string().max(4000).optional(),
  /**
   * The sections the reader was shown for this question in the search box (`page#anchor` links, best first),
   * when the question came from its "Ask the docs" row: the first one's page gets the current-page boost.
   */
  results: z.array(z.string().max(2000)).max(10).optional(),
});

/** Body of `POST /api/chat`. */
export const chatRequestSchema = z.object({
  id: z.string().max(200).optional(),
  messages: z.array(uiMessageSchema).min(1, 'send at least one message'),
  context: chatContextSchema.optional(),
  trigger: z.string().optional(),
  messageId: z.string().optional(),
});

export type UIMessage = z.infer<typeof uiMessageSchema>;
export type ChatContext = z.infer<typeof chatContextSchema>;
export type ChatRequest = z.infer<typeof chatRequestSchema>;

/** Metadata the server attaches to an assistant message so that later turns can prove it wrote it. */
export type AssistantMetadata = {
  /** HMAC over the answer text, issued by the server. */
  signature?: string;
  declined?: boolean;
};

/** The plain text of a message: its text parts joined. */
export function messageText(message: Pick<UIMessage, 'parts'>): string {
  return message.parts
    .filter(
      (part): part is { type: 'text'; text: string } => part.type === 'text' && typeof part.text === 'string',
    )
    .map((part) => part.text)
    .join('');
}
