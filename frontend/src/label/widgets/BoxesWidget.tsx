import { useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { t } from '../../i18n/i18n';
import { digitOf, useWindowKeydown } from '../keyboard';
import type { Box } from '../types';
import './BoxesWidget.css';
import { boxFromCorners, clampPoint, fitBox, moveBoxTo, resizeBoxTo, type Point, type Size } from './boxGeometry';
import { colorClass, LabelKey, shortcutFor } from './LabelKey';
import './regions.css';

export interface BoxesWidgetProps {
  /** Image URL the browser can load (already resolved from ipfs://). */
  src: string | undefined;
  /** Natural image size; read from the image when the item does not say. */
  width?: number;
  height?: number;
  labels: readonly string[];
  value: readonly Box[];
  onChange: (boxes: Box[]) => void;
  disabled?: boolean;
  /** Display pixels per image pixel. Normally measured to fit the space; tests set it. */
  scale?: number;
}

/** A drag in progress: the boxes as they would be if the pointer were released now. */
type Gesture =
  | { kind: 'draw'; pointerId: number; origin: Point; preview: Box[] }
  | { kind: 'move'; pointerId: number; index: number; grab: Point; preview: Box[] }
  | { kind: 'resize'; pointerId: number; index: number; preview: Box[] };

/** A drag shorter than this (in screen pixels) is a click, not a new box. */
const MIN_DRAW_SCREEN_PX = 4;
const HANDLE_SCREEN_PX = 12;
const MAX_SCALE = 4;

function changed(a: readonly Box[], b: readonly Box[]): boolean {
  return (
    a.length !== b.length ||
    a.some((box, i) => {
      const other = b[i] as Box;
      return box.x !== other.x || box.y !== other.y || box.w !== other.w || box.h !== other.h || box.label !== other.label;
    })
  );
}

/**
 * Rectangles on an image. Coordinates live in natural image pixels (what the server checks); the
 * SVG overlay uses them as its viewBox, so only pointer positions need converting.
 */
export function BoxesWidget({ src, width, height, labels, value, onChange, disabled = false, scale }: BoxesWidgetProps) {
  const frame = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [loadedSize, setLoadedSize] = useState<Size | undefined>();
  const [fitScale, setFitScale] = useState<number | undefined>();
  const [broken, setBroken] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [nextLabel, setNextLabel] = useState<string | undefined>(labels[0]);
  const [gesture, setGesture] = useState<Gesture | null>(null);

  const size: Size | undefined = width && height ? { width, height } : loadedSize;
  const shownScale = scale ?? fitScale ?? 1;
  const boxes = gesture?.preview ?? value;
  const current = selected !== null && selected < value.length ? selected : null;
  const newLabel = nextLabel !== undefined && labels.includes(nextLabel) ? nextLabel : labels[0];

  // Fit the image to the space it has (width of the frame, most of the window's height).
  useLayoutEffect(() => {
    const element = frame.current;
    if (scale !== undefined || !size || !element) return;
    const measure = () => {
      const available = element.clientWidth;
      if (available <= 0) return;
      const fit = Math.min(available / size.width, (window.innerHeight * 0.7) / size.height, MAX_SCALE);
      setFitScale(fit > 0 ? fit : undefined);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [scale, size?.width, size?.height]);

  /** The image pixel under the pointer, clamped inside the image. */
  function toImage(event: PointerEvent<SVGSVGElement>): Point {
    if (!size) return { x: 0, y: 0 };
    const rect = svg.current?.getBoundingClientRect();
    const perPixel = rect && rect.width > 0 ? rect.width / size.width : shownScale;
    const x = (event.clientX - (rect?.left ?? 0)) / perPixel;
    const y = (event.clientY - (rect?.top ?? 0)) / perPixel;
    return clampPoint({ x, y }, size);
  }

  function commit(next: Box[]): void {
    if (!size) return;
    onChange(next.map((box) => fitBox(box, size)));
  }

  function onPointerDown(event: PointerEvent<SVGSVGElement>): void {
    if (disabled || !size || event.button !== 0 || gesture) return;
    event.preventDefault();
    const point = toImage(event);
    const target = event.target as Element;
    const handle = target.closest('[data-handle]');
    const boxElement = target.closest('[data-box]');
    const index = Number((handle ?? boxElement)?.getAttribute(handle ? 'data-handle' : 'data-box') ?? NaN);
    try {
      svg.current?.setPointerCapture(event.pointerId);
    } catch {
      // Not every pointer can be captured (synthetic events); the drag still works inside the image.
    }
    if (handle && value[index]) {
      setSelected(index);
      setGesture({ kind: 'resize', pointerId: event.pointerId, index, preview: [...value] });
    } else if (boxElement && value[index]) {
      const box = value[index];
      setSelected(index);
      setGesture({
        kind: 'move',
        pointerId: event.pointerId,
        index,
        grab: { x: point.x - box.x, y: point.y - box.y },
        preview: [...value],
      });
    } else if (newLabel !== undefined) {
      setGesture({ kind: 'draw', pointerId: event.pointerId, origin: point, preview: [...value] });
    }
  }

  function onPointerMove(event: PointerEvent<SVGSVGElement>): void {
    if (!gesture || !size || event.pointerId !== gesture.pointerId) return;
    const point = toImage(event);
    const preview = [...value];
    switch (gesture.kind) {
      case 'draw':
        preview.push(boxFromCorners(gesture.origin, point, newLabel ?? ''));
        break;
      case 'move': {
        const box = value[gesture.index];
        if (box) preview[gesture.index] = moveBoxTo(box, { x: point.x - gesture.grab.x, y: point.y - gesture.grab.y }, size);
        break;
      }
      case 'resize': {
        const box = value[gesture.index];
        if (box) preview[gesture.index] = resizeBoxTo(box, point, size, Math.min(1, size.width, size.height));
        break;
      }
    }
    setGesture({ ...gesture, preview });
  }

  function onPointerUp(event: PointerEvent<SVGSVGElement>): void {
    if (!gesture || !size || event.pointerId !== gesture.pointerId) return;
    setGesture(null);
    if (gesture.kind !== 'draw') {
      if (changed(gesture.preview, value)) commit(gesture.preview);
      return;
    }
    const drawn = boxFromCorners(gesture.origin, toImage(event), newLabel ?? '');
    const minimum = MIN_DRAW_SCREEN_PX / shownScale;
    if (drawn.w < minimum || drawn.h < minimum || newLabel === undefined) {
      setSelected(null);
      return;
    }
    commit([...value, drawn]);
    setSelected(value.length);
  }

  function onPointerCancel(): void {
    setGesture(null);
  }

  function setLabel(label: string): void {
    setNextLabel(label);
    const box = current === null ? undefined : value[current];
    if (box && box.label !== label) commit(value.map((b, i) => (i === current ? { ...b, label } : b)));
  }

  function remove(index: number): void {
    onChange(value.filter((_, i) => i !== index));
    setSelected(null);
  }

  useWindowKeydown((event) => {
    const digit = digitOf(event);
    if (digit !== undefined) {
      const label = labels[digit - 1];
      if (label === undefined) return;
      event.preventDefault();
      setLabel(label);
      return;
    }
    if (event.ctrlKey || event.metaKey || !size) return;
    // Keyboard-only drawing: N adds a box in the middle of the image, to move and resize with arrows.
    if ((event.key === 'n' || event.key === 'N') && !event.altKey && newLabel !== undefined) {
      event.preventDefault();
      const drawn = boxFromCorners(
        { x: size.width / 4, y: size.height / 4 },
        { x: (size.width * 3) / 4, y: (size.height * 3) / 4 },
        newLabel,
      );
      commit([...value, drawn]);
      setSelected(value.length);
      return;
    }
    if (current === null) return;
    const box = value[current] as Box;
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      remove(current);
    } else if (event.key === 'Escape' && !event.altKey) {
      setSelected(null);
    } else if (event.key.startsWith('Arrow')) {
      event.preventDefault();
      const step = event.shiftKey ? 10 : 1;
      const dx = event.key === 'ArrowLeft' ? -step : event.key === 'ArrowRight' ? step : 0;
      const dy = event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0;
      // Alt+arrows resize from the bottom-right corner; plain arrows move the box.
      const changedBox = event.altKey
        ? resizeBoxTo(box, { x: box.x + box.w + dx, y: box.y + box.h + dy }, size, 1)
        : moveBoxTo(box, { x: box.x + dx, y: box.y + dy }, size);
      commit(value.map((b, i) => (i === current ? changedBox : b)));
    }
  }, !disabled);

  const handle = HANDLE_SCREEN_PX / shownScale;

  return (
    <div className="boxes-widget">
      <p className="hint">{t('tessera.label.boxesHelp')}</p>
      <div className="label-buttons" role="toolbar" aria-label={t('tessera.label.labels')}>
        {labels.map((label, index) => {
          const active = current !== null ? value[current]?.label === label : newLabel === label;
          return (
            <button
              key={label}
              type="button"
              className={`label-button ${colorClass(labels, label)}`}
              aria-pressed={active}
              aria-keyshortcuts={shortcutFor(index)}
              disabled={disabled}
              onClick={() => setLabel(label)}
            >
              <LabelKey index={index} />
              {label}
            </button>
          );
        })}
      </div>
      <div ref={frame} className="boxes-frame" data-autofocus tabIndex={-1}>
        {broken || !src ? (
          <p className="error">{t('tessera.label.imageUnavailable')}</p>
        ) : (
          <div className="boxes-stage" style={size ? { width: size.width * shownScale, height: size.height * shownScale } : undefined}>
            <img
              src={src}
              alt={t('tessera.label.image')}
              draggable={false}
              onLoad={(event) => {
                const image = event.currentTarget;
                if (image.naturalWidth > 0) setLoadedSize({ width: image.naturalWidth, height: image.naturalHeight });
              }}
              onError={() => setBroken(true)}
            />
            {size && (
              <svg
                ref={svg}
                className={`boxes-overlay${gesture ? ` is-${gesture.kind}` : ''}`}
                viewBox={`0 0 ${size.width} ${size.height}`}
                preserveAspectRatio="none"
                aria-hidden="true"
                data-testid="boxes-overlay"
                onPointerDown={onPointerDown}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={onPointerCancel}
              >
                {boxes.map((box, index) => (
                  <g
                    key={index}
                    className={`box ${colorClass(labels, box.label)}${index === current ? ' is-selected' : ''}`}
                    data-box={index}
                  >
                    <rect x={box.x} y={box.y} width={box.w} height={box.h} vectorEffect="non-scaling-stroke" />
                    <text
                      className="box-label"
                      x={box.x + 4 / shownScale}
                      y={box.y + 16 / shownScale}
                      fontSize={13 / shownScale}
                      strokeWidth={3 / shownScale}
                    >
                      {box.label}
                    </text>
                    {index === current && (
                      <rect
                        className="box-handle"
                        data-handle={index}
                        x={box.x + box.w - handle / 2}
                        y={box.y + box.h - handle / 2}
                        width={handle}
                        height={handle}
                        vectorEffect="non-scaling-stroke"
                      />
                    )}
                  </g>
                ))}
              </svg>
            )}
          </div>
        )}
      </div>
      <h3 className="list-title">{t('tessera.label.boxList')}</h3>
      {value.length === 0 ? (
        <p className="empty-list">{t('tessera.label.noBoxes')}</p>
      ) : (
        <ul className="region-list">
          {value.map((box, index) => {
            const name = t('tessera.label.box', { index: index + 1, label: box.label });
            return (
              <li key={index} className={colorClass(labels, box.label)}>
                <span className="swatch" aria-hidden="true" />
                <button
                  type="button"
                  className="region-name"
                  aria-pressed={index === current}
                  onClick={() => setSelected(index === current ? null : index)}
                >
                  {name}
                  <span className="region-geometry">
                    {t('tessera.label.boxGeometry', {
                      x: Math.round(box.x),
                      y: Math.round(box.y),
                      w: Math.round(box.w),
                      h: Math.round(box.h),
                    })}
                  </span>
                </button>
                <button
                  type="button"
                  className="remove"
                  disabled={disabled}
                  aria-label={t('tessera.label.removeRegion', { name })}
                  onClick={() => remove(index)}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <p className="hint">{newLabel !== undefined && t('tessera.label.newBoxLabel', { label: newLabel })}</p>
    </div>
  );
}
