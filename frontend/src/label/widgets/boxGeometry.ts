import type { Box } from '../types';

/** Box maths in natural image pixels. Everything that leaves the widget passes through `fitBox`. */
export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function clampPoint(point: Point, size: Size): Point {
  return { x: clamp(point.x, 0, size.width), y: clamp(point.y, 0, size.height) };
}

/**
 * Rounds to 2 decimals and keeps the box inside the image with a positive size, checking the sums
 * in floating point exactly as the server does (x + w <= width).
 */
export function fitBox(box: Box, size: Size): Box {
  const x = round2(clamp(box.x, 0, size.width - 0.01));
  const y = round2(clamp(box.y, 0, size.height - 0.01));
  let w = round2(clamp(box.w, 0.01, size.width - x));
  let h = round2(clamp(box.h, 0.01, size.height - y));
  while (x + w > size.width && w > 0.01) w = round2(w - 0.01);
  while (y + h > size.height && h > 0.01) h = round2(h - 0.01);
  return { x, y, w, h, label: box.label };
}

/** The box spanned by two corners, in any order. */
export function boxFromCorners(a: Point, b: Point, label: string): Box {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y), label };
}

/** Moves a box to a new top-left corner without letting it leave the image. */
export function moveBoxTo(box: Box, corner: Point, size: Size): Box {
  return { ...box, x: clamp(corner.x, 0, Math.max(0, size.width - box.w)), y: clamp(corner.y, 0, Math.max(0, size.height - box.h)) };
}

/** Puts the bottom-right corner at a point, keeping a minimum size and the image's edges. */
export function resizeBoxTo(box: Box, corner: Point, size: Size, minSize: number): Box {
  return {
    ...box,
    w: clamp(corner.x - box.x, Math.min(minSize, size.width - box.x), size.width - box.x),
    h: clamp(corner.y - box.y, Math.min(minSize, size.height - box.y), size.height - box.y),
  };
}

/** The eight grips around a selected box, named by compass direction, as Label Studio draws them. */
export const HANDLES = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type Handle = (typeof HANDLES)[number];

/** Where a grip sits on the box's outline. */
export function handlePoint(box: Box, handle: Handle): Point {
  const x = handle.includes('w') ? box.x : handle.includes('e') ? box.x + box.w : box.x + box.w / 2;
  const y = handle.startsWith('n') ? box.y : handle.startsWith('s') ? box.y + box.h : box.y + box.h / 2;
  return { x, y };
}

/**
 * Drags one grip to a point: a corner moves two edges, a side grip one. Dragging an edge past the
 * opposite one flips the box rather than collapsing it; the result keeps `minSize` and the image's edges.
 */
export function resizeByHandle(box: Box, handle: Handle, point: Point, size: Size, minSize: number): Box {
  const target = clampPoint(point, size);
  let left = box.x;
  let top = box.y;
  let right = box.x + box.w;
  let bottom = box.y + box.h;
  if (handle.includes('w')) left = target.x;
  if (handle.includes('e')) right = target.x;
  if (handle.startsWith('n')) top = target.y;
  if (handle.startsWith('s')) bottom = target.y;
  const x = Math.min(left, right);
  const y = Math.min(top, bottom);
  const w = Math.max(Math.abs(right - left), Math.min(minSize, size.width - x));
  const h = Math.max(Math.abs(bottom - top), Math.min(minSize, size.height - y));
  return { ...box, x: Math.min(x, size.width - w), y: Math.min(y, size.height - h), w, h };
}

/** Zoom and pan of the image inside its viewport: screen = offset + image * scale. */
export interface View {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** The whole image, as large as fits, centred. */
export function fitView(image: Size, viewport: Size): View {
  const scale = Math.min(viewport.width / image.width, viewport.height / image.height);
  return { scale, offsetX: (viewport.width - image.width * scale) / 2, offsetY: (viewport.height - image.height * scale) / 2 };
}

/** Zooms by `factor` keeping the image point under `anchor` (viewport pixels) where it is. */
export function zoomView(view: View, factor: number, anchor: Point, limits: { min: number; max: number }): View {
  const scale = clamp(view.scale * factor, limits.min, limits.max);
  const ratio = scale / view.scale;
  return { scale, offsetX: anchor.x - (anchor.x - view.offsetX) * ratio, offsetY: anchor.y - (anchor.y - view.offsetY) * ratio };
}

/**
 * Keeps the image on screen: when it is smaller than the viewport along an axis it is centred on
 * that axis, otherwise no empty band opens between its edge and the viewport's.
 */
export function clampView(view: View, image: Size, viewport: Size): View {
  const axis = (offset: number, shown: number, room: number) => (shown <= room ? (room - shown) / 2 : clamp(offset, room - shown, 0));
  return {
    scale: view.scale,
    offsetX: axis(view.offsetX, image.width * view.scale, viewport.width),
    offsetY: axis(view.offsetY, image.height * view.scale, viewport.height),
  };
}

/** The image pixel shown at a viewport point. */
export function toImagePoint(view: View, screen: Point): Point {
  return { x: (screen.x - view.offsetX) / view.scale, y: (screen.y - view.offsetY) / view.scale };
}
