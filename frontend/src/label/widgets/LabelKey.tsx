import './LabelKey.css';

/** The digit that picks the label at this position, for labels 1-9. */
export function shortcutFor(index: number): string | undefined {
  return index < 9 ? String(index + 1) : undefined;
}

/** The visible key hint; screen readers get it through aria-keyshortcuts on the control instead. */
export function LabelKey({ index }: { index: number }) {
  const key = shortcutFor(index);
  return key ? (
    <kbd className="label-key" aria-hidden="true">
      {key}
    </kbd>
  ) : null;
}

/** A colour slot per label, so highlights and boxes can be told apart. */
export function colorClass(labels: readonly string[], label: string): string {
  const index = labels.indexOf(label);
  return `color-${(index < 0 ? 0 : index) % 10}`;
}
