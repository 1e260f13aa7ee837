import type { StreamPart } from '@docent/protocol';
import type { GenerationEvent } from './generator.js';
import { sourceLinkPolicy } from './link-policy.js';
import type { LinkPolicy } from './safe-markdown.js';
import type { SourceList } from './source-list.js';

/** A step of agentic retrieval as the AI SDK's dynamic tool parts. */
export function* stepParts(event: GenerationEvent): Iterable<StreamPart> {
  if (event.type === 'step-start') {
    yield {
      type: 'tool-input-available',
      toolCallId: event.stepId,
      toolName: event.tool,
      input: event.input,
      dynamic: true,
    };
  } else if (event.type === 'step-result') {
    if (event.run.error) {
      yield {
        type: 'tool-output-error',
        toolCallId: event.stepId,
        errorText: event.run.error,
        dynamic: true,
      };
    } else {
      yield {
        type: 'tool-output-available',
        toolCallId: event.stepId,
        output: { sources: event.found },
        dynamic: true,
      };
    }
  }
}

/** The link policy over sources that grow while the answer streams (rebuilt when they do). */
export function growingLinkPolicy(sources: SourceList, allowedOrigins: readonly string[] | '*'): LinkPolicy {
  let known = -1;
  let policy: LinkPolicy = () => false;
  return (url) => {
    if (known !== sources.length) {
      known = sources.length;
      policy = sourceLinkPolicy(sources.all(), allowedOrigins);
    }
    return policy(url);
  };
}
