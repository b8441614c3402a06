import { useId, useRef, type KeyboardEvent } from 'react';
import { t } from '../../i18n/i18n';
import { digitOf, useWindowKeydown } from '../keyboard';
import './choices.css';
import { colorClass, LabelKey, shortcutFor } from './LabelKey';

export interface ClassificationWidgetProps {
  labels: readonly string[];
  value: string | null;
  onChange: (label: string) => void;
  disabled?: boolean;
}

const NEXT_KEYS = ['ArrowDown', 'ArrowRight'];
const PREVIOUS_KEYS = ['ArrowUp', 'ArrowLeft'];

/** One label out of many: a radio group; keys 1-9 pick, arrow keys move the choice. */
export function ClassificationWidget({ labels, value, onChange, disabled = false }: ClassificationWidgetProps) {
  const name = useId();
  const group = useRef<HTMLDivElement>(null);

  function choose(index: number, focus: boolean): void {
    const label = labels[index];
    if (label === undefined) return;
    onChange(label);
    if (focus) group.current?.querySelectorAll<HTMLInputElement>('input[type="radio"]')[index]?.focus();
  }

  useWindowKeydown((event) => {
    const digit = digitOf(event);
    if (digit === undefined || digit > labels.length) return;
    event.preventDefault();
    choose(digit - 1, false);
  }, !disabled);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const step = NEXT_KEYS.includes(event.key) ? 1 : PREVIOUS_KEYS.includes(event.key) ? -1 : 0;
    if (step === 0 || labels.length === 0) return;
    // Handled here rather than natively so the choice wraps and behaves the same in every browser.
    event.preventDefault();
    const current = value === null ? (step > 0 ? -1 : 0) : labels.indexOf(value);
    choose((current + step + labels.length) % labels.length, true);
  }

  return (
    <div
      ref={group}
      role="radiogroup"
      aria-label={t('tessera.label.chooseLabel')}
      aria-disabled={disabled || undefined}
      className="choice-group"
      onKeyDown={onKeyDown}
      // With nothing chosen the workspace focuses the group itself, so no option looks preselected;
      // arrow keys then move to the first or last option, digits pick any.
      tabIndex={value === null ? -1 : undefined}
      data-autofocus={value === null || undefined}
    >
      {labels.map((label, index) => (
        <label key={label} className={`choice ${colorClass(labels, label)}${value === label ? ' is-checked' : ''}`}>
          <input
            type="radio"
            name={name}
            value={label}
            checked={value === label}
            disabled={disabled}
            aria-keyshortcuts={shortcutFor(index)}
            onChange={() => onChange(label)}
            // A resumed draft's choice takes the focus when the item opens.
            data-autofocus={value === label || undefined}
          />
          <LabelKey index={index} />
          <span className="choice-name">{label}</span>
        </label>
      ))}
    </div>
  );
}
