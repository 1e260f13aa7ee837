import type { KeyboardEvent, MouseEvent } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), textarea, input, select, [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab and Shift+Tab inside a modal dialog (WAI-ARIA dialog pattern): from its last visible focusable
 * element Tab goes to its first, and back. Other keys are left alone. Call from the dialog's `onKeyDown`.
 */
export function keepFocusInside(event: KeyboardEvent, container: HTMLElement | null): void {
  if (event.key !== 'Tab' || !container) return;
  // Array.from, not spread: Docusaurus compiles theme code with loose Babel, where [...nodeList] breaks.
  const focusable = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (element) => element.offsetParent !== null,
  );
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A modal's backdrop `onMouseDown`: a press on the backdrop itself (not inside the dialog) calls `onClose`,
 * and the press's default action is prevented, else it would move the focus to the page after `onClose`
 * gave it back to the control that opened the dialog.
 */
export function closeOnBackdropPress(onClose: () => void): (event: MouseEvent) => void {
  return (event) => {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    onClose();
  };
}
