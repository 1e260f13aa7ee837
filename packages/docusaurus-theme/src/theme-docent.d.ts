/// <reference types="@docusaurus/module-type-aliases" />
/// <reference types="@docusaurus/theme-classic" />

declare module '*.module.css' {
  const classes: { readonly [key: string]: string };
  export default classes;
}

declare module '@theme/DocentChat' {
  import type { ReactNode } from 'react';
  export type PanelRequest = { question: string; selection?: string; results?: string[]; nonce: number };
  export default function DocentChat(): ReactNode;
}

declare module '@theme/DocentChat/Launcher' {
  import type { ForwardRefExoticComponent, RefAttributes } from 'react';
  export type Props = {
    open: boolean;
    onOpen: () => void;
    onPreload: () => void;
    position: 'bottom-right' | 'bottom-left';
    label: string | null;
    shortcut: string | false;
  };
  const Launcher: ForwardRefExoticComponent<Props & RefAttributes<HTMLButtonElement>>;
  export default Launcher;
}

declare module '@theme/DocentPageActions' {
  import type { ReactNode } from 'react';
  export default function DocentPageActions(): ReactNode;
}

declare module '@theme/DocentChat/SelectionButton' {
  import type { ReactNode } from 'react';
  export type Props = { onAsk: (selection: string) => void };
  export default function SelectionButton(props: Props): ReactNode;
}

declare module '@theme/DocentChat/Panel' {
  import type { PanelRequest } from '@theme/DocentChat';
  import type { ReactNode } from 'react';
  export type Props = {
    open: boolean;
    onClose: () => void;
    request: PanelRequest | null;
    position: 'bottom-right' | 'bottom-left';
  };
  export default function Panel(props: Props): ReactNode;
}

declare module '@theme/DocentChat/MessageList' {
  import type { ChatMessage } from '@theme/DocentChat/Message';
  import type { ReactNode } from 'react';
  export type Props = {
    messages: ChatMessage[];
    greeting: string | null;
    suggestions: string[];
    onAsk: (question: string) => void;
    onRetry: (id: string) => void;
    onFeedback: (id: string, rating: 'up' | 'down', reason?: string) => void;
  };
  export default function MessageList(props: Props): ReactNode;
}

declare module '@theme/DocentChat/Message' {
  import type { ReactNode } from 'react';
  export type Source = { url: string; title: string };
  export type ChatMessage = {
    id: string;
    role: 'user' | 'assistant';
    text: string;
    sources: Source[];
    status: 'streaming' | 'done' | 'error' | 'stopped';
    error?: string;
    declined?: boolean;
    signature?: string;
    selection?: string;
    feedback?: 'up' | 'down';
    /** The rating could not be sent: the reader is told, and may rate again. */
    feedbackFailed?: boolean;
    /** The service's id for this answer (the stream's `start` part): feedback names it. */
    answerId?: string;
  };
  export type Props = {
    message: ChatMessage;
    onRetry: (id: string) => void;
    onFeedback: (id: string, rating: 'up' | 'down', reason?: string) => void;
  };
  export default function Message(props: Props): ReactNode;
}

declare module '@theme/DocentChat/Sources' {
  import type { Source } from '@theme/DocentChat/Message';
  import type { ReactNode } from 'react';
  export type Props = {
    sources: Source[];
    /** The answer citing them: a chip marks on the page it opens the words its citing sentences use. */
    answer?: string;
  };
  export default function Sources(props: Props): ReactNode;
}

declare module '@theme/DocentChat/Markdown' {
  import type { Source } from '@theme/DocentChat/Message';
  import type { ReactNode } from 'react';
  export type Props = { text: string; sources: Source[] };
  export function safeHref(url: string): string | null;
  export default function Markdown(props: Props): ReactNode;
}

declare module '@theme/DocentChat/Composer' {
  import type { ReactNode, RefObject } from 'react';
  export type Props = {
    streaming: boolean;
    onSend: (question: string) => void;
    onStop: () => void;
    inputRef: RefObject<HTMLTextAreaElement | null>;
  };
  export default function Composer(props: Props): ReactNode;
}

declare module '@theme/DocentSearch' {
  import type { ReactNode } from 'react';

  /** The navbar's search button (`@theme/SearchBar` when `themeConfig.docent.search.enabled`). */
  export default function DocentSearch(): ReactNode;
}

declare module '@theme/DocentSearch/Modal' {
  import type { ReactNode } from 'react';

  export type Props = {
    open: boolean;
    /** The box's text on opening: what the reader typed while the dialog's code loaded ('' otherwise). */
    initialQuery: string;
    /** The caret (or selection) in `initialQuery` as the reader left it, [start, end]; its end by default. */
    initialSelection?: [number, number];
    onClose: () => void;
    maxRecentSearches: number;
  };
  /** The search dialog, loaded on first open. */
  export default function SearchModal(props: Props): ReactNode;
}
