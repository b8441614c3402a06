import { useEffect, useRef } from 'react';

/** Fields where keys type text: shortcuts stay out of them. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(target.type);
}

/** Elements where Enter already means something (press the button, follow the link). */
export function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a[href], summary, [role="button"], [role="link"]') !== null;
}

function hasCommandModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey || event.altKey;
}

/**
 * The label shortcut a key press stands for: 1-9 (top row or keypad). `code` covers layouts where the
 * digit needs Shift (AZERTY). Undefined for anything else, with a modifier, or while typing.
 */
export function digitOf(event: KeyboardEvent): number | undefined {
  if (hasCommandModifier(event) || isTypingTarget(event.target)) return undefined;
  const fromKey = /^[1-9]$/.test(event.key) ? Number(event.key) : undefined;
  const fromCode = /^(?:Digit|Numpad)([1-9])$/.exec(event.code)?.[1];
  return fromKey ?? (fromCode ? Number(fromCode) : undefined);
}

/** Listens to key presses on the whole window while enabled, always calling the latest handler. */
export function useWindowKeydown(handler: (event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (!event.defaultPrevented) latest.current(event);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
