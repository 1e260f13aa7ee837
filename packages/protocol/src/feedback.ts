import { z } from 'zod';

/** Body of `POST /api/feedback`. */
export const feedbackSchema = z.object({
  messageId: z.string().min(1).max(200),
  rating: z.enum(['up', 'down']),
  reason: z.string().max(2000).optional(),
  question: z.string().max(4000).optional(),
  path: z.string().max(2000).optional(),
});

export type Feedback = z.infer<typeof feedbackSchema>;
