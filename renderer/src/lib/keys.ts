/** Keyboard helpers every shortcut shares. */

/** Whether a key press goes to a field the reporter is typing in (a shortcut must then not fire). */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
