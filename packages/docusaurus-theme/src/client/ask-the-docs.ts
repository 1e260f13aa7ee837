/** The event the search box sends the chat: open with this question (`DocentChat` listens for it). */
export const ASK_EVENT = 'docent:ask';

export type AskDetail = {
  question: string;
  /** The sections the reader was shown for it (`page#anchor` links), best first. */
  results: string[];
};

/** Opens the chat and asks `question` (the search box's last row, "Ask the docs: ‹query›"). */
export function askTheDocs(detail: AskDetail): void {
  window.dispatchEvent(new CustomEvent<AskDetail>(ASK_EVENT, { detail }));
}
