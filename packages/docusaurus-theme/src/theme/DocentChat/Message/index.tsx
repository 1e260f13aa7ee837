import { unlinkedSources } from '@docent/docusaurus-theme/client/source-title';
import type { ChatMessage, ChatStep } from '@docent/docusaurus-theme/client/use-chat';
import Translate, { translate } from '@docusaurus/Translate';
import Markdown from '@theme/DocentChat/Markdown';
import Sources from '@theme/DocentChat/Sources';
import clsx from 'clsx';
import { type ReactNode, useState } from 'react';
import styles from './styles.module.css';

export type Props = {
  message: ChatMessage;
  onRetry: (id: string) => void;
  onFeedback: (id: string, rating: 'up' | 'down', reason?: string) => void;
};

function Thumb({ down = false }: { down?: boolean }): ReactNode {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      width="14"
      height="14"
      style={down ? { transform: 'rotate(180deg)' } : undefined}
    >
      <path
        fill="currentColor"
        d="M2 21h4V9H2v12zm20-11a2 2 0 00-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6c-.4.4-.6.9-.6 1.4v10a2 2 0 002 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1c.1-.2.2-.5.2-.7v-2z"
      />
    </svg>
  );
}

/** What a step of agentic retrieval did, in the reader's words. */
function stepText(step: ChatStep): string {
  const values = { input: step.input, found: step.found };
  if (step.status === 'error')
    return translate({ id: 'theme.docent.step.failed', message: 'A search for “{input}” failed' }, values);
  if (step.status === 'running')
    return translate(
      { id: 'theme.docent.step.running', message: 'Searching the docs for “{input}”…' },
      values,
    );
  return step.tool === 'read_page'
    ? translate({ id: 'theme.docent.step.read', message: 'Read {input}: {found} sections' }, values)
    : translate(
        { id: 'theme.docent.step.searched', message: 'Searched for “{input}”: {found} sections' },
        values,
      );
}

/** Why an answer was cut off, in the reader's words. */
function cutOffText(reason: string): string {
  switch (reason) {
    case 'length':
      return translate({
        id: 'theme.docent.cutOff.length',
        message:
          'The answer was cut off: the language model reached its output limit. Retry, or ask a narrower question.',
      });
    case 'answer-bound':
      return translate({
        id: 'theme.docent.cutOff.answerBound',
        message:
          'The answer was cut off at the assistant’s length limit. Ask a narrower question for the rest.',
      });
    case 'step-limit':
      return translate({
        id: 'theme.docent.cutOff.stepLimit',
        message:
          'The answer was cut off: the assistant searched as often as it may without finishing. Retry, or ask a narrower question.',
      });
    case 'content-filter':
      return translate({
        id: 'theme.docent.cutOff.contentFilter',
        message: 'The answer was cut off by the language model’s content filter.',
      });
    default:
      return translate({
        id: 'theme.docent.cutOff.unfinished',
        message:
          'The answer was cut off: the language model stopped before finishing it. Retry to ask again.',
      });
  }
}

/** One message: the reader's question, or an answer with its sources and actions. */
export default function Message({ message, onRetry, onFeedback }: Props): ReactNode {
  const [copied, setCopied] = useState(false);
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState('');
  if (message.role === 'user') {
    return (
      <div className={clsx(styles.message, styles.user)}>
        {message.selection && (
          <blockquote className={styles.selection}>{message.selection.slice(0, 300)}</blockquote>
        )}
        {message.text || (
          <Translate id="theme.docent.selection.question">What does this passage mean?</Translate>
        )}
      </div>
    );
  }
  const finished = message.status !== 'streaming';
  return (
    <div
      className={clsx(styles.message, styles.assistant)}
      aria-busy={!finished}
      data-docent-answer={message.status}
    >
      {message.steps && message.steps.length > 0 && (
        <ol className={styles.steps} data-docent-steps="">
          {message.steps.map((step) => (
            <li key={step.id} data-docent-step={step.status}>
              {stepText(step)}
            </li>
          ))}
        </ol>
      )}
      {message.text ? (
        <Markdown text={message.text} sources={message.sources} />
      ) : (
        !finished || <span className={styles.muted}>…</span>
      )}
      {!finished && !message.text && (
        <span className={styles.typing} role="status">
          <Translate id="theme.docent.answer.thinking">Searching the docs…</Translate>
        </span>
      )}
      {message.cutOff && (
        <p className={styles.notice} role="note" data-docent-cut-off={message.cutOff}>
          {cutOffText(message.cutOff)}
        </p>
      )}
      <Sources sources={unlinkedSources(message.sources, message.text)} answer={message.text} />
      {message.status === 'error' && (
        <p className={styles.error} role="alert">
          {message.error}
        </p>
      )}
      {message.status === 'stopped' && (
        <p className={styles.muted}>
          <Translate id="theme.docent.answer.stopped">Stopped.</Translate>
        </p>
      )}
      {finished && (
        <div className={styles.actions}>
          <button type="button" onClick={() => onRetry(message.id)}>
            {message.status === 'done' ? (
              <Translate id="theme.docent.action.regenerate">Regenerate</Translate>
            ) : (
              <Translate id="theme.docent.action.retry">Retry</Translate>
            )}
          </button>
          {message.text && (
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(message.text).then(() => setCopied(true));
              }}
            >
              {copied ? (
                <Translate id="theme.docent.action.copied">Copied</Translate>
              ) : (
                <Translate id="theme.docent.action.copy">Copy</Translate>
              )}
            </button>
          )}
          {message.status === 'done' && (
            <>
              <button
                type="button"
                aria-pressed={message.feedback === 'up'}
                aria-label={translate({ id: 'theme.docent.feedback.up', message: 'Helpful' })}
                onClick={() => onFeedback(message.id, 'up')}
              >
                <Thumb />
              </button>
              <button
                type="button"
                aria-pressed={message.feedback === 'down'}
                aria-label={translate({ id: 'theme.docent.feedback.down', message: 'Not helpful' })}
                onClick={() => setAskingReason(true)}
              >
                <Thumb down />
              </button>
            </>
          )}
        </div>
      )}
      {askingReason && (
        <form
          className={styles.reason}
          onSubmit={(event) => {
            event.preventDefault();
            onFeedback(message.id, 'down', reason.trim() || undefined);
            setAskingReason(false);
          }}
        >
          <input
            // biome-ignore lint/a11y/noAutofocus: the reader just asked to give a reason.
            autoFocus
            value={reason}
            maxLength={2000}
            onChange={(event) => setReason(event.target.value)}
            placeholder={translate({
              id: 'theme.docent.feedback.reason',
              message: 'What was wrong? (optional)',
            })}
            aria-label={translate({
              id: 'theme.docent.feedback.reason',
              message: 'What was wrong? (optional)',
            })}
          />
          <button type="submit">
            <Translate id="theme.docent.feedback.send">Send</Translate>
          </button>
        </form>
      )}
      {message.feedback && (
        <p className={styles.muted} role="status">
          <Translate id="theme.docent.feedback.thanks">Thanks for the feedback.</Translate>
        </p>
      )}
      {message.feedbackFailed && (
        <p className={styles.muted} role="status" data-docent-feedback-failed="">
          <Translate id="theme.docent.feedback.failed">
            Your feedback could not be sent. Rate the answer again to retry.
          </Translate>
        </p>
      )}
    </div>
  );
}
