import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { t } from '../../i18n/i18n';
import { digitOf, isTypingTarget, useWindowKeydown } from '../keyboard';
import type { Span } from '../types';
import { colorClass, LabelKey, shortcutFor } from './LabelKey';
import './regions.css';
import {
  labelsEndingAt,
  pointAt,
  sameSpan,
  segmentText,
  selectedRange,
  selectionPoints,
  snapToWords,
  sortSpans,
  spanAt,
  stepOffset,
  stepWord,
} from './spanText';
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

interface CaretBox {
  left: number;
  top: number;
  height: number;
}

/** Where the caret at a text offset is drawn, relative to the text's box (its padding box). */
function caretBox(container: HTMLElement, offset: number, length: number): CaretBox | undefined {
  const at = pointAt(container, offset);
  const range = document.createRange();
  range.setStart(at.node, at.offset);
  range.collapse(true);
  let rect: DOMRect | undefined = range.getClientRects()[0];
  let useRight = false;
  // A collapsed range at a line's start can have no box: measure the next character (or the last one).
  if (!rect || (rect.width === 0 && rect.height === 0)) {
    const around = document.createRange();
    const from = offset < length ? at : pointAt(container, Math.max(0, offset - 1));
    const to = pointAt(container, offset < length ? offset + 1 : offset);
    around.setStart(from.node, from.offset);
    around.setEnd(to.node, to.offset);
    rect = around.getClientRects()[0];
    useRight = offset >= length;
  }
  if (!rect) return undefined;
  const frame = container.getBoundingClientRect();
  return {
    left: (useRight ? rect.right : rect.left) - frame.left - container.clientLeft + container.scrollLeft,
    top: rect.top - frame.top - container.clientTop + container.scrollTop,
    height: rect.height,
  };
}

/**
 * Named stretches of a text, as Label Studio marks them: a mouse or touch selection snaps to whole words (Alt or
 * "character precision" keeps it exact), each span carries its label as text, a click on a span then a
 * label relabels it, and the focused text shows a caret that the arrows move by word (Alt: by
 * character; Shift extends the selection). Offsets come from the DOM selection measured against the
 * text container, so they are exact UTF-16 offsets into `text` however it is split into highlights.
 */
export function SpansWidget({ text, labels, value, onChange, readOnly = false, disabled: paused = false }: SpansWidgetProps) {
  const disabled = paused || readOnly;
  const container = useRef<HTMLDivElement>(null);
  const helpId = useId();
  const [notice, setNotice] = useState<string | undefined>();
  const [selection, setSelection] = useState<{ start: number; end: number } | undefined>();
  const [caret, setCaret] = useState<number | undefined>();
  const [caretAt, setCaretAt] = useState<CaretBox | undefined>();
  const [focused, setFocused] = useState(false);
  const [precise, setPrecise] = useState(false);
  const [chosen, setChosen] = useState<number | undefined>();
  const current = chosen !== undefined && chosen < value.length ? chosen : undefined;
  /**
   * Whether the selection was last made by a finger. Touch selections (a long press, then the handles)
   * end with no mouseup on the text, so they snap to words when labelled instead.
   */
  const byTouch = useRef(false);
  /** Where the caret goes once the text is drawn again with a new span (the old DOM nodes are gone by then). */
  const caretAfterRender = useRef<number | undefined>(undefined);

  // Follow the selection: what is selected (a digit will label it) and where the caret is.
  useEffect(() => {
    const update = () => {
      const element = container.current;
      if (!element) return;
      const selected = window.getSelection();
      setSelection(selectedRange(element, selected, text));
      const points = selectionPoints(element, selected, text.length);
      setCaret(points?.focus);
    };
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [text]);

  useLayoutEffect(() => {
    const offset = caretAfterRender.current;
    if (offset === undefined) return;
    caretAfterRender.current = undefined;
    select(offset, offset);
    setCaret(offset);
  }, [value]);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element || caret === undefined || !focused || disabled) {
      setCaretAt(undefined);
      return;
    }
    setCaretAt(caretBox(element, caret, text.length));
  }, [caret, focused, disabled, value, text]);

  function select(anchor: number, focus: number): void {
    const element = container.current;
    if (!element) return;
    const from = pointAt(element, anchor);
    const to = pointAt(element, focus);
    window.getSelection()?.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
  }

  function labelSelection(label: string | undefined): void {
    const element = container.current;
    if (label === undefined || !element) return;
    const selected = selectedRange(element, window.getSelection(), text);
    const range = selected && byTouch.current && !precise ? (snapToWords(text, selected.start, selected.end) ?? selected) : selected;
    if (!range) {
      if (current !== undefined) relabel(current, label);
      else setNotice(t('tessera.label.selectTextFirst'));
      return;
    }
    const span: Span = { ...range, label };
    if (value.some((existing) => sameSpan(existing, span))) {
      setNotice(t('tessera.label.duplicateSpan'));
      return;
    }
    setNotice(undefined);
    const next = sortSpans([...value, span]);
    onChange?.(next);
    setChosen(next.findIndex((existing) => sameSpan(existing, span)));
    // Leave a caret after the new span, so the keyboard can carry on from there.
    caretAfterRender.current = range.end;
    setSelection(undefined);
  }

  function relabel(index: number, label: string): void {
    const span = value[index];
    if (!span || span.label === label) return;
    const renamed = { ...span, label };
    if (value.some((existing) => sameSpan(existing, renamed))) {
      setNotice(t('tessera.label.duplicateSpan'));
      return;
    }
    setNotice(undefined);
    const next = sortSpans(value.map((existing, i) => (i === index ? renamed : existing)));
    onChange?.(next);
    setChosen(next.findIndex((existing) => sameSpan(existing, renamed)));
  }

  useWindowKeydown((event) => {
    if (event.key === 'Escape' && current !== undefined) {
      setChosen(undefined);
      return;
    }
    const chosenSpan = current === undefined ? undefined : value[current];
    if ((event.key === 'Delete' || event.key === 'Backspace') && chosenSpan && !isTypingTarget(event.target)) {
      event.preventDefault();
      remove(chosenSpan);
      return;
    }
    const digit = digitOf(event);
    if (digit === undefined || digit > labels.length) return;
    event.preventDefault();
    labelSelection(labels[digit - 1]);
  }, !disabled);

  /** A mouse selection that ends inside a word takes the whole word, unless precision is asked for. */
  function onMouseUp(event: MouseEvent<HTMLDivElement>): void {
    const element = container.current;
    if (!element || precise || event.altKey) return;
    const points = selectionPoints(element, window.getSelection(), text.length);
    if (!points || points.anchor === points.focus) return;
    const snapped = snapToWords(text, points.anchor, points.focus);
    if (!snapped) return;
    if (points.anchor <= points.focus) select(snapped.start, snapped.end);
    else select(snapped.end, snapped.start);
  }

  /** A click that selects nothing picks the span under it, for relabelling. */
  function onClick(): void {
    const element = container.current;
    if (!element || disabled) return;
    const points = selectionPoints(element, window.getSelection(), text.length);
    if (!points || points.anchor !== points.focus) return;
    setChosen(spanAt(value, points.focus) ?? spanAt(value, points.focus - 1));
  }

  function onTextKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const element = container.current;
    if (!element || disabled || !CARET_KEYS.includes(event.key) || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    byTouch.current = false;
    const points = selectionPoints(element, window.getSelection(), text.length) ?? { anchor: caret ?? 0, focus: caret ?? 0 };
    const direction = event.key === 'ArrowRight' ? 1 : -1;
    const byCharacter = precise || event.altKey;
    const focus =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? text.length
          : byCharacter
            ? stepOffset(text, points.focus, direction)
            : stepWord(text, points.focus, direction);
    select(event.shiftKey ? points.anchor : focus, focus);
    setCaret(focus);
  }

  function remove(span: Span): void {
    onChange?.(value.filter((existing) => !sameSpan(existing, span)));
    setChosen(undefined);
  }

  const segments = segmentText(text.length, value);
  const endings = labelsEndingAt(value);
  const chosenSpan = current === undefined ? undefined : value[current];

  return (
    <div className="spans-widget">
      {!readOnly && (
        <p id={helpId} className="hint">
          {t('tessera.label.spansHelp')}
        </p>
      )}
      {!readOnly && (
        <div className="label-buttons" role="toolbar" aria-label={t('tessera.label.labels')}>
          {labels.map((label, index) => (
            <button
              key={label}
              type="button"
              className={`label-button ${colorClass(labels, label)}`}
              disabled={disabled}
              aria-keyshortcuts={shortcutFor(index)}
              aria-pressed={chosenSpan ? chosenSpan.label === label : undefined}
              // Keep the text selection (and focus) where they are: the click labels that selection.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => labelSelection(label)}
            >
              <LabelKey index={index} />
              {label}
            </button>
          ))}
          <button
            type="button"
            className="precision-toggle"
            aria-pressed={precise}
            disabled={disabled}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => setPrecise((on) => !on)}
          >
            {t('tessera.widgets.precise')}
          </button>
        </div>
      )}
      <div
        ref={container}
        className={`span-text${caretAt ? ' has-caret' : ''}`}
        role="region"
        aria-label={t('tessera.label.textToLabel')}
        aria-describedby={readOnly ? undefined : helpId}
        tabIndex={0}
        onKeyDown={onTextKeyDown}
        onPointerDown={(event) => {
          byTouch.current = event.pointerType === 'touch';
        }}
        onMouseUp={onMouseUp}
        onClick={onClick}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        data-autofocus
      >
        {segments.map((segment) => {
          const piece = text.slice(segment.start, segment.end);
          const top = segment.spans.at(-1);
          if (!top) return <span key={segment.start}>{piece}</span>;
          const ending = endings
            .get(segment.end)
            ?.filter((label) => segment.spans.some((span) => span.end === segment.end && span.label === label));
          const inChosen = chosenSpan !== undefined && chosenSpan.start <= segment.start && chosenSpan.end >= segment.end;
          return (
            <mark
              key={segment.start}
              className={`span-mark ${colorClass(labels, top.label)}${segment.spans.length > 1 ? ' is-nested' : ''}${inChosen ? ' is-selected' : ''}`}
              title={segment.spans.map((span) => span.label).join(', ')}
              data-label={ending && ending.length > 0 ? ending.join(' · ') : undefined}
            >
              {piece}
            </mark>
          );
        })}
        {caretAt && <span className="span-caret" aria-hidden="true" data-testid="span-caret" style={caretAt} />}
      </div>
      <p className="selection-status" aria-live="polite">
        {notice ?? (selection ? t('tessera.label.selectedText', { text: excerpt(text.slice(selection.start, selection.end)) }) : '')}
      </p>
      <h3 className="list-title">{t('tessera.label.spanList')}</h3>
      {value.length === 0 ? (
        <p className="empty-list">{t('tessera.label.noSpans')}</p>
      ) : (
        <ul className="region-list">
          {value.map((span, index) => {
            const quoted = excerpt(text.slice(span.start, span.end));
            const name = t('tessera.label.span', { text: quoted, label: span.label });
            return (
              <li key={`${span.start}:${span.end}:${span.label}`} className={colorClass(labels, span.label)}>
                <span className="swatch" aria-hidden="true" />
                {readOnly ? (
                  <span className="region-name">{name}</span>
                ) : (
                  <button
                    type="button"
                    className="region-name"
                    aria-pressed={index === current}
                    onClick={() => setChosen(index === current ? undefined : index)}
                  >
                    {name}
                  </button>
                )}
                {!readOnly && (
                  <select
                    className="region-label"
                    aria-label={t('tessera.widgets.labelOf', { name: t('tessera.widgets.spanName', { text: quoted }) })}
                    value={span.label}
                    disabled={disabled}
                    onChange={(event) => relabel(index, event.target.value)}
                  >
                    {(labels.includes(span.label) ? labels : [span.label, ...labels]).map((label) => (
                      <option key={label} value={label}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
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
