/** Inputs where a letter is a character to type, not a shortcut (checkboxes, buttons and radios are not). */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether a key pressed on this element is typing (shortcuts must then stay out of the way). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** A modal dialog is open: it owns the keyboard. */
export const modalOpen = (): boolean => document.querySelector('[aria-modal="true"]') !== null;
