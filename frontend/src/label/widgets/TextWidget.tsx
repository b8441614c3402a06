import { useId } from 'react';
import { t } from '../../i18n/i18n';
import './TextWidget.css';

export interface TextWidgetProps {
  value: string;
  onChange: (text: string) => void;
  disabled?: boolean;
  /** The question; defaults to the generic "Type your answer". */
  label?: string;
}

/** A free-text answer. Ctrl/Cmd+Enter submits (the workspace listens); plain Enter makes a new line. */
export function TextWidget({ value, onChange, disabled = false, label }: TextWidgetProps) {
  const id = useId();
  return (
    <div className="text-answer">
      <label htmlFor={id}>{label ?? t('tessera.label.textHelp')}</label>
      <textarea
        id={id}
        value={value}
        rows={5}
        maxLength={10_000}
        placeholder={t('tessera.label.textPlaceholder')}
        disabled={disabled}
        aria-keyshortcuts="Control+Enter Meta+Enter"
        onChange={(event) => onChange(event.target.value)}
        data-autofocus
      />
    </div>
  );
}
