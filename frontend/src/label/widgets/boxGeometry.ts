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
