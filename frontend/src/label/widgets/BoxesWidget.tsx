import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { t } from '../../i18n/i18n';
import { digitOf, isTypingTarget, useWindowKeydown } from '../keyboard';
import type { Box } from '../types';
import './BoxesWidget.css';
import {
  boxFromCorners,
  clampPoint,
  clampView,
  fitBox,
  fitView,
  handlePoint,
  HANDLES,
  moveBoxTo,
  resizeBoxTo,
  resizeByHandle,
  toImagePoint,
  zoomView,
  type Handle,
  type Point,
  type Size,
  type View,
} from './boxGeometry';
import { colorClass, LabelKey, shortcutFor } from './LabelKey';
import './regions.css';

/**
 * The boxes editor's props, shared by the annotator app and the console (reviewers' "fix", the item
 * page): `value` is controlled, `onChange` receives every finished edit; `readOnly` draws the boxes
 * prefilled from `value` with zoom and pan but no way to change them.
 */
export interface BoxesWidgetProps {
  /** Image URL the browser can load (already resolved from ipfs://). */
  src: string | undefined;
  /** Natural image size; read from the image when the item does not say. */
  width?: number;
  height?: number;
  labels: readonly string[];
  value: readonly Box[];
  onChange?: (boxes: Box[]) => void;
  /** Shows the boxes without editing them (and without listening to the keyboard). */
  readOnly?: boolean;
  /** Editing paused (e.g. while submitting): the same as readOnly, but the label bar stays visible. */
  disabled?: boolean;
  /** Display pixels per image pixel at zoom 1. Normally measured to fit the space; tests set it. */
  scale?: number;
}

/** A drag in progress: the boxes as they would be if the pointer were released now. */
type Gesture =
  | { kind: 'draw'; pointerId: number; origin: Point; preview: Box[] }
  | { kind: 'move'; pointerId: number; index: number; grab: Point; preview: Box[] }
  | { kind: 'resize'; pointerId: number; index: number; handle: Handle; preview: Box[] }
  | { kind: 'pan'; pointerId: number; start: Point; from: View; preview: readonly Box[] }
  | { kind: 'pinch'; pointerId: number; other: number; distance: number; middle: Point; from: View; preview: readonly Box[] };

/** A drag shorter than this (in screen pixels) is a click, not a new box. */
const MIN_DRAW_SCREEN_PX = 4;
/** Grips are bigger under a finger than under a mouse. */
const HANDLE_PX = { fine: 10, coarse: 22 };
const ZOOM_STEP = 1.25;
const MAX_ZOOM_PX = 8;
/** Never shorter than this, however little room the window leaves. */
const MIN_VIEWPORT_PX = 220;
const HANDLE_CURSORS: Record<Handle, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
};

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
 * The grips drawn on a box: the side ones only where the box is long enough to leave room between them
 * and the corners, so that its middle stays free for a finger to move it.
 */
function gripsFor(box: Box, grip: number): readonly Handle[] {
  const wide = box.w >= grip * 3;
  const tall = box.h >= grip * 3;
  return HANDLES.filter(
    (handle) => handle.length === 2 || ((handle === 'n' || handle === 's') && wide) || ((handle === 'e' || handle === 'w') && tall),
  );
}

function coarsePointer(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(pointer: coarse)').matches;
}

/**
 * The room the image gets: the frame's width, and the window's height below the frame's top less the
 * sticky action bar under it (so the bar never covers the image), no taller than the image needs.
 */
function measureViewport(element: HTMLElement, image: Size): Size | undefined {
  const width = element.clientWidth;
  if (width <= 0) return undefined;
  const top = element.getBoundingClientRect().top + window.scrollY;
  const bar = document.querySelector('.action-bar')?.getBoundingClientRect().height ?? 0;
  const room = window.innerHeight - top - bar - 16;
  const height = Math.min(Math.max(room, MIN_VIEWPORT_PX), (width * image.height) / image.width);
  return { width, height: Math.max(1, Math.round(height)) };
}

/**
 * Rectangles on an image, as Label Studio draws them: the image fits its viewport, zooms with the wheel,
 * the +/- keys and buttons, and pans (hand tool, Space or middle button, or any drag when read-only).
 * Coordinates live in natural image pixels (what the server checks); the SVG overlay uses them as its
 * viewBox, so only pointer positions need converting. Pointer events make mouse, pen and finger alike.
 */
export function BoxesWidget({
  src,
  width,
  height,
  labels,
  value,
  onChange,
  readOnly = false,
  disabled: paused = false,
  scale,
}: BoxesWidgetProps) {
  const disabled = paused || readOnly;
  const viewport = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [loadedSize, setLoadedSize] = useState<Size | undefined>();
  const [room, setRoom] = useState<Size | undefined>();
  const [view, setView] = useState<View | undefined>();
  const [broken, setBroken] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [nextLabel, setNextLabel] = useState<string | undefined>(labels[0]);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  /** Fingers on the image (viewport pixels), for pinching. */
  const fingers = useRef(new Map<number, Point>());
  const [handTool, setHandTool] = useState(false);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [coarse] = useState(coarsePointer);

  const size: Size | undefined = width && height ? { width, height } : loadedSize;
  const boxes = gesture?.preview ?? value;
  const current = selected !== null && selected < value.length ? selected : null;
  const newLabel = nextLabel !== undefined && labels.includes(nextLabel) ? nextLabel : labels[0];
  const fixed = scale !== undefined && size ? { width: size.width * scale, height: size.height * scale } : undefined;
  const shownRoom = fixed ?? room;
  // Until there is room to measure (or without layout at all), the image shows at its natural size.
  const fit = size ? (shownRoom ? fitView(size, shownRoom) : { scale: 1, offsetX: 0, offsetY: 0 }) : undefined;
  const shown = view ?? fit;
  const panning = handTool || spaceHeld || readOnly;

  // Measure the room for the image whenever the frame's width or the window changes.
  useLayoutEffect(() => {
    const element = viewport.current;
    if (fixed || !size || !element) return;
    const measure = () => {
      const next = measureViewport(element, size);
      if (next) setRoom((old) => (old && old.width === next.width && old.height === next.height ? old : next));
    };
    measure();
    window.addEventListener('resize', measure);
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    observer?.observe(element);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, [fixed === undefined, size?.width, size?.height, broken]);

  // A new viewport size starts again from "fit".
  useEffect(() => setView(undefined), [shownRoom?.width, shownRoom?.height]);

  const limits = fit ? { min: Math.min(fit.scale, 1) / 2, max: Math.max(fit.scale * MAX_ZOOM_PX, MAX_ZOOM_PX) } : undefined;

  function zoom(factor: number, anchor?: Point): void {
    if (!shown || !size || !shownRoom || !limits) return;
    const at = anchor ?? { x: shownRoom.width / 2, y: shownRoom.height / 2 };
    setView(clampView(zoomView(shown, factor, at, limits), size, shownRoom));
  }

  function panBy(dx: number, dy: number): void {
    if (!shown || !size || !shownRoom) return;
    setView(clampView({ ...shown, offsetX: shown.offsetX + dx, offsetY: shown.offsetY + dy }, size, shownRoom));
  }

  // The wheel zooms around the pointer; React's wheel listener is passive and cannot stop the page scrolling.
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  useEffect(() => {
    const element = viewport.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      zoomRef.current(Math.exp(-delta * 0.002), { x: event.clientX - rect.left, y: event.clientY - rect.top });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [broken, src]);

  /** The image pixel under the pointer, clamped inside the image. */
  function toImage(event: { clientX: number; clientY: number }): Point {
    if (!size || !shown) return { x: 0, y: 0 };
    const rect = viewport.current?.getBoundingClientRect();
    return clampPoint(toImagePoint(shown, { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) }), size);
  }

  function commit(next: Box[]): void {
    if (!size) return;
    onChange?.(next.map((box) => fitBox(box, size)));
  }

  /** A pointer's position in the viewport's pixels. */
  function inViewport(event: { clientX: number; clientY: number }): Point {
    const rect = viewport.current?.getBoundingClientRect();
    return { x: event.clientX - (rect?.left ?? 0), y: event.clientY - (rect?.top ?? 0) };
  }

  /** Two fingers down: whatever the first one started gives way to zooming and panning (nothing is committed). */
  function startPinch(event: PointerEvent<SVGSVGElement>): boolean {
    if (event.pointerType !== 'touch' || !shown) return false;
    fingers.current.set(event.pointerId, inViewport(event));
    const [first, second] = [...fingers.current.entries()];
    if (!first || !second || fingers.current.size !== 2) return false;
    setGesture({
      kind: 'pinch',
      pointerId: first[0],
      other: second[0],
      distance: Math.max(1, Math.hypot(first[1].x - second[1].x, first[1].y - second[1].y)),
      middle: { x: (first[1].x + second[1].x) / 2, y: (first[1].y + second[1].y) / 2 },
      from: shown,
      preview: value,
    });
    return true;
  }

  function onPointerDown(event: PointerEvent<SVGSVGElement>): void {
    if (!size || !shown || (event.button !== 0 && event.button !== 1)) return;
    if (startPinch(event) || gesture) return;
    event.preventDefault();
    try {
      svg.current?.setPointerCapture(event.pointerId);
    } catch {
      // Not every pointer can be captured (synthetic events); the drag still works inside the image.
    }
    if (panning || event.button === 1) {
      setGesture({ kind: 'pan', pointerId: event.pointerId, start: { x: event.clientX, y: event.clientY }, from: shown, preview: value });
      return;
    }
    if (disabled) return;
    const point = toImage(event);
    const target = event.target as Element;
    const handle = target.closest('[data-handle]');
    const boxElement = target.closest('[data-box]');
    const index = Number(boxElement?.getAttribute('data-box') ?? NaN);
    const box = value[index];
    if (handle && box) {
      setSelected(index);
      setGesture({
        kind: 'resize',
        pointerId: event.pointerId,
        index,
        handle: handle.getAttribute('data-handle') as Handle,
        preview: [...value],
      });
    } else if (boxElement && box) {
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
    if (fingers.current.has(event.pointerId)) fingers.current.set(event.pointerId, inViewport(event));
    if (!gesture || !size || !shown) return;
    if (gesture.kind === 'pinch') {
      const a = fingers.current.get(gesture.pointerId);
      const b = fingers.current.get(gesture.other);
      if (!a || !b || !shownRoom || !limits || (event.pointerId !== gesture.pointerId && event.pointerId !== gesture.other)) return;
      const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const zoomed = zoomView(gesture.from, Math.hypot(a.x - b.x, a.y - b.y) / gesture.distance, gesture.middle, limits);
      const moved = {
        ...zoomed,
        offsetX: zoomed.offsetX + middle.x - gesture.middle.x,
        offsetY: zoomed.offsetY + middle.y - gesture.middle.y,
      };
      setView(clampView(moved, size, shownRoom));
      return;
    }
    if (event.pointerId !== gesture.pointerId) return;
    if (gesture.kind === 'pan') {
      if (!shownRoom) return;
      const from = gesture.from;
      const next = {
        ...from,
        offsetX: from.offsetX + event.clientX - gesture.start.x,
        offsetY: from.offsetY + event.clientY - gesture.start.y,
      };
      setView(clampView(next, size, shownRoom));
      return;
    }
    const point = toImage(event);
    const preview = [...value];
    const box = gesture.kind === 'draw' ? undefined : value[gesture.index];
    switch (gesture.kind) {
      case 'draw':
        preview.push(boxFromCorners(gesture.origin, point, newLabel ?? ''));
        break;
      case 'move':
        if (box) preview[gesture.index] = moveBoxTo(box, { x: point.x - gesture.grab.x, y: point.y - gesture.grab.y }, size);
        break;
      case 'resize':
        if (box) preview[gesture.index] = resizeByHandle(box, gesture.handle, point, size, Math.min(1, size.width, size.height));
        break;
    }
    setGesture({ ...gesture, preview });
  }

  function onPointerUp(event: PointerEvent<SVGSVGElement>): void {
    fingers.current.delete(event.pointerId);
    if (gesture?.kind === 'pinch' && event.pointerId === gesture.other) {
      setGesture(null);
      return;
    }
    if (!gesture || !size || !shown || event.pointerId !== gesture.pointerId) return;
    setGesture(null);
    if (gesture.kind === 'pan' || gesture.kind === 'pinch') return;
    if (gesture.kind !== 'draw') {
      if (changed(gesture.preview, value)) commit(gesture.preview);
      return;
    }
    const drawn = boxFromCorners(gesture.origin, toImage(event), newLabel ?? '');
    const minimum = MIN_DRAW_SCREEN_PX / shown.scale;
    if (drawn.w < minimum || drawn.h < minimum || newLabel === undefined) {
      setSelected(null);
      return;
    }
    commit([...value, drawn]);
    setSelected(value.length);
  }

  function onPointerCancel(event: PointerEvent<SVGSVGElement>): void {
    fingers.current.delete(event.pointerId);
    setGesture(null);
  }

  function relabel(index: number, label: string): void {
    const box = value[index];
    if (box && box.label !== label) commit(value.map((b, i) => (i === index ? { ...b, label } : b)));
  }

  function setLabel(label: string): void {
    setNextLabel(label);
    if (current !== null) relabel(current, label);
  }

  function remove(index: number): void {
    onChange?.(value.filter((_, i) => i !== index));
    setSelected(null);
  }

  useWindowKeydown((event) => {
    if (isTypingTarget(event.target)) return;
    const digit = digitOf(event);
    if (digit !== undefined) {
      const label = labels[digit - 1];
      if (label === undefined) return;
      event.preventDefault();
      setLabel(label);
      return;
    }
    if (event.ctrlKey || event.metaKey || !size) return;
    if (event.key === '+' || event.key === '=' || event.key === '-' || event.key === '_') {
      event.preventDefault();
      zoom(event.key === '-' || event.key === '_' ? 1 / ZOOM_STEP : ZOOM_STEP);
      return;
    }
    if (event.key === '0' && !event.altKey) {
      event.preventDefault();
      setView(undefined);
      return;
    }
    if (event.key === ' ' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      setSpaceHeld(true);
      return;
    }
    if ((event.key === 'h' || event.key === 'H') && !event.altKey) {
      event.preventDefault();
      setHandTool((on) => !on);
      return;
    }
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
    if (current === null) {
      // Without a selected box the arrows pan a zoomed image.
      if (event.key.startsWith('Arrow')) {
        event.preventDefault();
        const step = event.shiftKey ? 200 : 50;
        panBy(
          event.key === 'ArrowLeft' ? step : event.key === 'ArrowRight' ? -step : 0,
          event.key === 'ArrowUp' ? step : event.key === 'ArrowDown' ? -step : 0,
        );
      }
      return;
    }
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

  useEffect(() => {
    if (!spaceHeld) return;
    const release = (event: KeyboardEvent) => {
      if (event.key === ' ') setSpaceHeld(false);
    };
    const forget = () => setSpaceHeld(false);
    window.addEventListener('keyup', release);
    window.addEventListener('blur', forget);
    return () => {
      window.removeEventListener('keyup', release);
      window.removeEventListener('blur', forget);
    };
  }, [spaceHeld]);

  const perPixel = shown?.scale ?? 1;
  const grip = (coarse ? HANDLE_PX.coarse : HANDLE_PX.fine) / perPixel;
  const zoomPercent = shown ? Math.round(shown.scale * 100) : 100;

  return (
    <div className="boxes-widget">
      {!readOnly && (
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
      )}
      <div className="view-tools" role="toolbar" aria-label={t('tessera.widgets.view')}>
        <button type="button" aria-label={t('tessera.widgets.zoomOut')} aria-keyshortcuts="-" onClick={() => zoom(1 / ZOOM_STEP)}>
          −
        </button>
        <output className="zoom-level" aria-label={t('tessera.widgets.zoomLevel')}>
          {zoomPercent}%
        </output>
        <button type="button" aria-label={t('tessera.widgets.zoomIn')} aria-keyshortcuts="+" onClick={() => zoom(ZOOM_STEP)}>
          +
        </button>
        <button type="button" aria-keyshortcuts="0" onClick={() => setView(undefined)}>
          {t('tessera.widgets.fit')}
        </button>
        {!readOnly && (
          <button type="button" aria-pressed={handTool} aria-keyshortcuts="H" onClick={() => setHandTool((on) => !on)}>
            {t('tessera.widgets.pan')}
          </button>
        )}
      </div>
      <div
        ref={viewport}
        className="boxes-viewport"
        style={shownRoom ? { height: shownRoom.height } : undefined}
        data-autofocus
        tabIndex={-1}
        data-testid="boxes-viewport"
      >
        {broken || !src ? (
          <p className="error">{t('tessera.label.imageUnavailable')}</p>
        ) : (
          <div
            className="boxes-stage"
            style={
              size && shown
                ? {
                    width: size.width * shown.scale,
                    height: size.height * shown.scale,
                    transform: `translate(${shown.offsetX}px, ${shown.offsetY}px)`,
                  }
                : undefined
            }
          >
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
                className={`boxes-overlay${gesture ? ` is-${gesture.kind}` : ''}${panning ? ' is-panning' : ''}`}
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
                    data-label={box.label}
                  >
                    <rect className="box-body" x={box.x} y={box.y} width={box.w} height={box.h} vectorEffect="non-scaling-stroke" />
                    <text
                      className="box-label"
                      x={box.x + 4 / perPixel}
                      y={box.y + 16 / perPixel}
                      fontSize={13 / perPixel}
                      strokeWidth={3 / perPixel}
                    >
                      {box.label}
                    </text>
                    {index === current &&
                      !disabled &&
                      gripsFor(box, grip).map((handle) => {
                        const at = handlePoint(box, handle);
                        return (
                          <rect
                            key={handle}
                            className="box-handle"
                            data-handle={handle}
                            x={at.x - grip / 2}
                            y={at.y - grip / 2}
                            width={grip}
                            height={grip}
                            style={{ cursor: HANDLE_CURSORS[handle] }}
                            vectorEffect="non-scaling-stroke"
                          />
                        );
                      })}
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
                {!readOnly && (
                  <select
                    className="region-label"
                    aria-label={t('tessera.widgets.labelOf', { name: t('tessera.widgets.boxName', { index: index + 1 }) })}
                    value={box.label}
                    disabled={disabled}
                    onChange={(event) => relabel(index, event.target.value)}
                  >
                    {(labels.includes(box.label) ? labels : [box.label, ...labels]).map((label) => (
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
                    onClick={() => remove(index)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && <p className="hint">{newLabel !== undefined && t('tessera.label.newBoxLabel', { label: newLabel })}</p>}
      {/* Below the image, so that on a phone the image still fits above the action bar. */}
      {!readOnly && <p className="hint">{t('tessera.label.boxesHelp')}</p>}
    </div>
  );
}
