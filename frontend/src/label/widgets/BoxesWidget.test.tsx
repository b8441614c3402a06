import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Box } from '../types';
import { BoxesWidget } from './BoxesWidget';

const LABELS = ['car', 'person', 'tree'];

function Harness({ initial = [], onChange, scale = 0.5 }: { initial?: Box[]; onChange: (boxes: Box[]) => void; scale?: number }) {
  const [value, setValue] = useState<Box[]>(initial);
  return (
    <BoxesWidget
      src="https://example.org/street.jpg"
      width={400}
      height={200}
      labels={LABELS}
      value={value}
      scale={scale}
      onChange={(boxes) => {
        setValue(boxes);
        onChange(boxes);
      }}
    />
  );
}

function overlay(): Element {
  return screen.getByTestId('boxes-overlay');
}

/** A drag from one screen point to another, as a mouse would do it. */
function drag(from: Element, start: [number, number], end: [number, number]): void {
  fireEvent.pointerDown(from, { clientX: start[0], clientY: start[1], pointerId: 1, button: 0 });
  fireEvent.pointerMove(overlay(), { clientX: (start[0] + end[0]) / 2, clientY: (start[1] + end[1]) / 2, pointerId: 1 });
  fireEvent.pointerMove(overlay(), { clientX: end[0], clientY: end[1], pointerId: 1 });
  fireEvent.pointerUp(overlay(), { clientX: end[0], clientY: end[1], pointerId: 1 });
}

function boxElement(index: number): Element {
  const element = overlay().querySelector(`[data-box="${index}"] rect`);
  if (!element) throw new Error(`no box ${index}`);
  return element;
}

describe('BoxesWidget', () => {
  it('draws a box in natural image pixels from screen pixels at the displayed scale', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    // At scale 0.5 one screen pixel is two image pixels.
    drag(overlay(), [10, 20], [90, 70]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 20, y: 40, w: 160, h: 100, label: 'car' }]);
    expect(screen.getByRole('button', { name: /^Box 1: car/ })).toBeTruthy();
  });

  it('clamps a drag that leaves the image to its edges, whichever way it goes', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    drag(overlay(), [150, 80], [400, 300]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 300, y: 160, w: 100, h: 40, label: 'car' }]);
    drag(overlay(), [50, 50], [-30, -10]);
    expect((onChange.mock.lastCall?.[0] as Box[])[1]).toEqual({ x: 0, y: 0, w: 100, h: 100, label: 'car' });
  });

  it('rounds coordinates to 2 decimals and keeps x + w within the width', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} scale={3} />);
    drag(overlay(), [1, 2], [1199, 599]);
    const [box] = onChange.mock.lastCall?.[0] as Box[];
    expect(box).toEqual({ x: 0.33, y: 0.67, w: 399.33, h: 199, label: 'car' });
    expect(box && box.x + box.w).toBeLessThanOrEqual(400);
  });

  it('treats a tiny drag as a click, not a box', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    drag(overlay(), [10, 10], [11, 11]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('labels the selected box with a digit key; new boxes take the last used label', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    drag(overlay(), [10, 10], [60, 60]);
    await userEvent.keyboard('2');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 20, y: 20, w: 100, h: 100, label: 'person' }]);
    drag(overlay(), [100, 10], [150, 60]);
    expect((onChange.mock.lastCall?.[0] as Box[])[1]).toMatchObject({ label: 'person' });
  });

  it('moves a box by dragging it, without leaving the image', () => {
    const onChange = vi.fn();
    render(<Harness initial={[{ x: 20, y: 20, w: 100, h: 50, label: 'tree' }]} onChange={onChange} />);
    drag(boxElement(0), [20, 20], [50, 30]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 80, y: 40, w: 100, h: 50, label: 'tree' }]);
    drag(boxElement(0), [50, 30], [500, 500]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 300, y: 150, w: 100, h: 50, label: 'tree' }]);
  });

  it('resizes the selected box with its corner handle, within the image', () => {
    const onChange = vi.fn();
    render(<Harness initial={[{ x: 20, y: 20, w: 100, h: 50, label: 'tree' }]} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: /^Box 1: tree/ }));
    const handle = overlay().querySelector('[data-handle="se"]') as Element;
    expect(handle).toBeTruthy();
    drag(handle, [60, 35], [80, 50]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 20, y: 20, w: 140, h: 80, label: 'tree' }]);
    drag(overlay().querySelector('[data-handle="se"]') as Element, [80, 50], [900, 900]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 20, y: 20, w: 380, h: 180, label: 'tree' }]);
  });

  it('shows eight handles on the selected box; the top-left one moves the top and left edges only', () => {
    const onChange = vi.fn();
    render(<Harness initial={[{ x: 20, y: 20, w: 100, h: 80, label: 'tree' }]} onChange={onChange} />);
    expect(overlay().querySelectorAll('[data-handle]')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: /^Box 1: tree/ }));
    const handles = [...overlay().querySelectorAll('[data-handle]')].map((element) => element.getAttribute('data-handle'));
    expect(handles).toEqual(['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w']);
    drag(overlay().querySelector('[data-handle="nw"]') as Element, [10, 10], [5, 0]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 10, y: 0, w: 110, h: 100, label: 'tree' }]);
    drag(overlay().querySelector('[data-handle="s"]') as Element, [35, 50], [999, 75]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 10, y: 0, w: 110, h: 150, label: 'tree' }]);
  });

  it('leaves out the side grips of a box too short for them, so its middle can still be grabbed', () => {
    // At scale 0.5 a 10-screen-pixel grip is 20 image pixels: 50 is less than three grips, 100 is not.
    render(<Harness initial={[{ x: 20, y: 20, w: 100, h: 50, label: 'tree' }]} onChange={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: /^Box 1: tree/ }));
    const handles = [...overlay().querySelectorAll('[data-handle]')].map((element) => element.getAttribute('data-handle'));
    expect(handles).toEqual(['nw', 'n', 'ne', 'se', 's', 'sw']);
  });

  it('changes the label of one box from its list entry, leaving the others', async () => {
    const onChange = vi.fn();
    const boxes = [
      { x: 0, y: 0, w: 10, h: 10, label: 'car' },
      { x: 50, y: 50, w: 10, h: 10, label: 'car' },
    ];
    render(<Harness initial={boxes} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Label of Box 2' }), 'person');
    expect(onChange).toHaveBeenLastCalledWith([boxes[0], { ...boxes[1], label: 'person' }]);
  });

  it('zooms with the keys about the middle: a drag then lands on the same image pixels at the new scale', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    expect(screen.getByRole('status', { name: 'Zoom' }).textContent).toBe('50%');
    await userEvent.keyboard('+');
    // 400x200 at 0.5 is a 200x100 viewport; zooming by 1.25 about (100, 50) shifts the image by -25, -12.5.
    expect(screen.getByRole('status', { name: 'Zoom' }).textContent).toBe('63%');
    drag(overlay(), [12.5, 6.25], [137.5, 81.25]);
    expect(onChange).toHaveBeenLastCalledWith([{ x: 60, y: 30, w: 200, h: 120, label: 'car' }]);
    await userEvent.keyboard('0');
    expect(screen.getByRole('status', { name: 'Zoom' }).textContent).toBe('50%');
  });

  it('read-only: shows the boxes with their labels, no label bar, no handles, no removal', () => {
    render(
      <BoxesWidget
        src="https://example.org/a.png"
        width={400}
        height={200}
        labels={LABELS}
        value={[{ x: 1, y: 2, w: 30, h: 40, label: 'tree' }]}
        scale={0.5}
        readOnly
      />,
    );
    expect(screen.queryByRole('toolbar', { name: 'Labels' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Box 1: tree/ }));
    expect(overlay().querySelectorAll('[data-handle]')).toHaveLength(0);
    expect(overlay().querySelector('[data-box="0"]')?.textContent).toBe('tree');
  });

  it('moves the selected box with arrow keys (Shift: 10 px) and deletes it with Delete', async () => {
    const onChange = vi.fn();
    render(<Harness initial={[{ x: 5, y: 5, w: 10, h: 10, label: 'car' }]} onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: /^Box 1: car/ }));
    await userEvent.keyboard('{ArrowRight}');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 6, y: 5, w: 10, h: 10, label: 'car' }]);
    await userEvent.keyboard('{Shift>}{ArrowUp}{/Shift}');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 6, y: 0, w: 10, h: 10, label: 'car' }]);
    await userEvent.keyboard('{Delete}');
    expect(onChange).toHaveBeenLastCalledWith([]);
    expect(screen.getByText('No boxes yet.')).toBeTruthy();
  });

  it('draws, moves and resizes a box with the keyboard alone', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.keyboard('3n');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 100, y: 50, w: 200, h: 100, label: 'tree' }]);
    await userEvent.keyboard('{Shift>}{ArrowLeft}{/Shift}');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 90, y: 50, w: 200, h: 100, label: 'tree' }]);
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 90, y: 50, w: 200, h: 101, label: 'tree' }]);
    await userEvent.keyboard('{Alt>}{Shift>}{ArrowRight}{/Shift}{/Alt}');
    expect(onChange).toHaveBeenLastCalledWith([{ x: 90, y: 50, w: 210, h: 101, label: 'tree' }]);
  });

  it('removes a box from the list with the mouse, selects by clicking it on the image', async () => {
    const onChange = vi.fn();
    const boxes = [
      { x: 0, y: 0, w: 10, h: 10, label: 'car' },
      { x: 50, y: 50, w: 10, h: 10, label: 'tree' },
    ];
    render(<Harness initial={boxes} onChange={onChange} />);
    fireEvent.pointerDown(boxElement(1), { clientX: 27, clientY: 27, pointerId: 1, button: 0 });
    fireEvent.pointerUp(overlay(), { clientX: 27, clientY: 27, pointerId: 1 });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: /^Box 2: tree/ }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Remove Box 1: car' }));
    expect(onChange).toHaveBeenLastCalledWith([boxes[1]]);
  });
});
