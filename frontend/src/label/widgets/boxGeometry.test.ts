import { describe, expect, it } from 'vitest';
import { clampView, fitView, handlePoint, HANDLES, resizeByHandle, toImagePoint, zoomView, type Handle } from './boxGeometry';

const IMAGE = { width: 400, height: 200 };
const BOX = { x: 100, y: 50, w: 100, h: 50, label: 'car' };

describe('resizeByHandle', () => {
  // Each grip dragged 10 px outwards along its own direction: only its edges move.
  const outwards: Record<Handle, { dx: number; dy: number; expected: [number, number, number, number] }> = {
    nw: { dx: -10, dy: -10, expected: [90, 40, 110, 60] },
    n: { dx: 0, dy: -10, expected: [100, 40, 100, 60] },
    ne: { dx: 10, dy: -10, expected: [100, 40, 110, 60] },
    e: { dx: 10, dy: 0, expected: [100, 50, 110, 50] },
    se: { dx: 10, dy: 10, expected: [100, 50, 110, 60] },
    s: { dx: 0, dy: 10, expected: [100, 50, 100, 60] },
    sw: { dx: -10, dy: 10, expected: [90, 50, 110, 60] },
    w: { dx: -10, dy: 0, expected: [90, 50, 110, 50] },
  };

  it.each(HANDLES)('the %s grip moves its own edges only', (handle) => {
    const { dx, dy, expected } = outwards[handle];
    const grip = handlePoint(BOX, handle);
    const { x, y, w, h } = resizeByHandle(BOX, handle, { x: grip.x + dx, y: grip.y + dy }, IMAGE, 1);
    expect([x, y, w, h]).toEqual(expected);
  });

  it('a side grip ignores the other axis of the pointer', () => {
    expect(resizeByHandle(BOX, 'e', { x: 250, y: 0 }, IMAGE, 1)).toMatchObject({ x: 100, y: 50, w: 150, h: 50 });
  });

  it('dragging an edge past the opposite one flips the box instead of inverting it', () => {
    expect(resizeByHandle(BOX, 'w', { x: 260, y: 75 }, IMAGE, 1)).toMatchObject({ x: 200, y: 50, w: 60, h: 50 });
    expect(resizeByHandle(BOX, 'n', { x: 0, y: 130 }, IMAGE, 1)).toMatchObject({ x: 100, y: 100, w: 100, h: 30 });
  });

  it('stays inside the image and keeps a minimum size', () => {
    expect(resizeByHandle(BOX, 'nw', { x: -50, y: -50 }, IMAGE, 1)).toMatchObject({ x: 0, y: 0, w: 200, h: 100 });
    expect(resizeByHandle(BOX, 'se', { x: 999, y: 999 }, IMAGE, 1)).toMatchObject({ x: 100, y: 50, w: 300, h: 150 });
    expect(resizeByHandle(BOX, 'e', { x: 100, y: 75 }, IMAGE, 1)).toMatchObject({ x: 100, w: 1 });
  });
});

describe('view', () => {
  it('fits the whole image, centred on the axis with room to spare', () => {
    expect(fitView(IMAGE, { width: 800, height: 800 })).toEqual({ scale: 2, offsetX: 0, offsetY: 200 });
  });

  it('zooms about an anchor: the image point under it stays under it', () => {
    const view = { scale: 2, offsetX: 0, offsetY: 200 };
    const anchor = { x: 300, y: 350 };
    const before = toImagePoint(view, anchor);
    const zoomed = zoomView(view, 1.5, anchor, { min: 1, max: 8 });
    expect(zoomed.scale).toBe(3);
    expect(toImagePoint(zoomed, anchor)).toEqual(before);
  });

  it('limits the zoom', () => {
    expect(zoomView({ scale: 2, offsetX: 0, offsetY: 0 }, 100, { x: 0, y: 0 }, { min: 1, max: 8 }).scale).toBe(8);
    expect(zoomView({ scale: 2, offsetX: 0, offsetY: 0 }, 0.01, { x: 0, y: 0 }, { min: 1, max: 8 }).scale).toBe(1);
  });

  it('keeps a panned image on screen and centres an image smaller than the viewport', () => {
    const viewport = { width: 800, height: 800 };
    expect(clampView({ scale: 4, offsetX: 100, offsetY: -5000 }, IMAGE, viewport)).toEqual({ scale: 4, offsetX: 0, offsetY: 0 });
    expect(clampView({ scale: 4, offsetX: -2000, offsetY: -50 }, IMAGE, viewport)).toEqual({ scale: 4, offsetX: -800, offsetY: 0 });
    expect(clampView({ scale: 1, offsetX: -50, offsetY: 9 }, IMAGE, viewport)).toEqual({ scale: 1, offsetX: 200, offsetY: 300 });
  });
});
