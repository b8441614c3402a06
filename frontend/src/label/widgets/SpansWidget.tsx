import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../i18n/i18n';
import { digitOf, useWindowKeydown } from '../keyboard';
import type { Span } from '../types';
import { colorClass, LabelKey, shortcutFor } from './LabelKey';
import './regions.css';
import { pointAt, sameSpan, segmentText, selectedRange, selectionPoints, sortSpans, stepOffset } from './spanText';
import './SpansWidget.css';

/**
 * The spans editor's props, shared by the annotator app and the console (reviewers' "fix", the item
 * page): `value` is controlled, `onChange` receives every finished edit; `readOnly` shows the text
 * with its labelled spans prefilled from `value` and no way to change them.
 */
export interface SpansWidgetProps {
  text: string;
  labels: readonly string[];
  value: readonly Span[];
  onChange?: (spans: Span[]) => void;
  /** Shows the spans without editing them (and without listening to the keyboard). */
  readOnly?: boolean;
  /** Editing paused (e.g. while submitting): the same as readOnly, but the label bar stays visible. */
  disabled?: boolean;
}

const CARET_KEYS = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];

/**
 * Named stretches of a text. Select with the mouse (or focus the text and use Shift+arrows), then
 * press 1-9 or click a label. Offsets come from the DOM selection measured against the text
 * container, so they are exact UTF-16 offsets into `text` however it is split into highlights.
 */
export function SpansWidget({ text, labels, value, onChange, readOnly = false, disabled: paused = false }: SpansWidgetProps) {
  const disabled = paused || readOnly;
  const container = useRef<HTMLDivElement>(null);
  const helpId = useId();
  const [notice, setNotice] = useState<string | undefined>();
  const [selection, setSelection] = useState<{ start: number; end: number } | undefined>();

  // Show what is selected, so the annotator knows a digit will label it.
  useEffect(() => {
    const update = () => {
      const element = container.current;
      setSelection(element ? selectedRange(element, window.getSelection(), text) : undefined);
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [text]);

  function labelSelection(label: string | undefined): void {
    const element = container.current;
    if (label === undefined || !element) return;
    const range = selectedRange(element, window.getSelection(), text);
    if (!range) {
      setNotice(t('tessera.label.selectTextFirst'));
      return;
    }
    const span: Span = { ...range, label };
    if (value.some((existing) => sameSpan(existing, span))) {
      setNotice(t('tessera.label.duplicateSpan'));
      return;
    }
    setNotice(undefined);
    onChange?.(sortSpans([...value, span]));
    // Leave a caret after the new span, so the keyboard can carry on from there.
    const caret = pointAt(element, range.end);
    window.getSelection()?.collapse(caret.node, caret.offset);
    setSelection(undefined);
  }

  useWindowKeydown((event) => {
    const digit = digitOf(event);
    if (digit === undefined || digit > labels.length) return;
    event.preventDefault();
    labelSelection(labels[digit - 1]);
  }, !disabled);

  function onTextKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const element = container.current;
    if (!element || !CARET_KEYS.includes(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const selection = window.getSelection();
    const points = selectionPoints(element, selection, text.length) ?? { anchor: 0, focus: 0 };
    const focus =
      event.key === 'Home' ? 0 : event.key === 'End' ? text.length : stepOffset(text, points.focus, event.key === 'ArrowRight' ? 1 : -1);
    const anchor = event.shiftKey ? points.anchor : focus;
    const from = pointAt(element, anchor);
    const to = pointAt(element, focus);
    selection?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
  }

  function remove(span: Span): void {
    onChange?.(value.filter((existing) => !sameSpan(existing, span)));
  }

  const segments = segmentText(text.length, value);

  return (
    <div className="spans-widget">
      <p id={helpId} className="hint">
        {t('tessera.label.spansHelp')}
      </p>
      {!readOnly && (
        <div className="label-buttons" role="toolbar" aria-label={t('tessera.label.labels')}>
          {labels.map((label, index) => (
            <button
              key={label}
              type="button"
              className={`label-button ${colorClass(labels, label)}`}
              disabled={disabled}
              aria-keyshortcuts={shortcutFor(index)}
              // Keep the text selection (and focus) where they are: the click labels that selection.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => labelSelection(label)}
            >
              <LabelKey index={index} />
              {label}
            </button>
          ))}
        </div>
      )}
      <div
        ref={container}
        className="span-text"
        role="region"
        aria-label={t('tessera.label.textToLabel')}
        aria-describedby={helpId}
        tabIndex={0}
        onKeyDown={onTextKeyDown}
        data-autofocus
      >
        {segments.map((segment) => {
          const piece = text.slice(segment.start, segment.end);
          const top = segment.spans.at(-1);
          if (!top) return <span key={segment.start}>{piece}</span>;
          return (
            <mark
              key={segment.start}
              className={`span-mark ${colorClass(labels, top.label)}${segment.spans.length > 1 ? ' is-nested' : ''}`}
              title={segment.spans.map((span) => span.label).join(', ')}
            >
              {piece}
            </mark>
          );
        })}
      </div>
      <p className="selection-status" aria-live="polite">
        {notice ?? (selection ? t('tessera.label.selectedText', { text: excerpt(text.slice(selection.start, selection.end)) }) : '')}
      </p>
      <h3 className="list-title">{t('tessera.label.spanList')}</h3>
      {value.length === 0 ? (
        <p className="empty-list">{t('tessera.label.noSpans')}</p>
      ) : (
        <ul className="region-list">
          {value.map((span) => {
            const name = t('tessera.label.span', { text: excerpt(text.slice(span.start, span.end)), label: span.label });
            return (
              <li key={`${span.start}:${span.end}:${span.label}`} className={colorClass(labels, span.label)}>
                <span className="swatch" aria-hidden="true" />
                <span className="region-name">{name}</span>
                {!readOnly && (
                  <button
                    type="button"
                    className="remove"
                    disabled={disabled}
                    aria-label={t('tessera.label.removeRegion', { name })}
                    onClick={() => remove(span)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

function excerpt(text: string): string {
  const characters = Array.from(text);
  return characters.length > 60 ? `${characters.slice(0, 57).join('')}…` : text;
}
