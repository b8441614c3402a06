import { t } from '../../i18n/i18n';
import { digitOf, useWindowKeydown } from '../keyboard';
import './choices.css';
import { colorClass, LabelKey, shortcutFor } from './LabelKey';

export interface MultiLabelWidgetProps {
  labels: readonly string[];
  value: readonly string[];
  onChange: (labels: string[]) => void;
  disabled?: boolean;
}

/** Any number of labels: a checkbox group; keys 1-9 toggle. The value keeps the project's label order. */
export function MultiLabelWidget({ labels, value, onChange, disabled = false }: MultiLabelWidgetProps) {
  function toggle(label: string): void {
    const chosen = value.includes(label) ? value.filter((l) => l !== label) : [...value, label];
    onChange(labels.filter((l) => chosen.includes(l)));
  }

  useWindowKeydown((event) => {
    const digit = digitOf(event);
    const label = digit === undefined ? undefined : labels[digit - 1];
    if (label === undefined) return;
    event.preventDefault();
    toggle(label);
  }, !disabled);

  return (
    <fieldset className="choice-group" disabled={disabled} data-autofocus tabIndex={-1}>
      <legend className="visually-hidden">{t('tessera.label.chooseLabels')}</legend>
      {labels.map((label, index) => (
        <label key={label} className={`choice ${colorClass(labels, label)}${value.includes(label) ? ' is-checked' : ''}`}>
          <input
            type="checkbox"
            value={label}
            checked={value.includes(label)}
            aria-keyshortcuts={shortcutFor(index)}
            onChange={() => toggle(label)}
          />
          <LabelKey index={index} />
          <span className="choice-name">{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
