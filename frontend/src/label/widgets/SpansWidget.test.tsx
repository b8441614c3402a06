import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Span } from '../types';
import { SpansWidget } from './SpansWidget';

// Non-ASCII on purpose: "ë" and "ö" are one UTF-16 unit, the emoji two.
const TEXT = 'Zoë 😀 met Ana in Köln, then Ana left.';
const LABELS = ['PER', 'LOC'];
const ANA: Span = { start: TEXT.indexOf('Ana'), end: TEXT.indexOf('Ana') + 3, label: 'PER' };

function Harness({ initial = [], onChange }: { initial?: Span[]; onChange: (spans: Span[]) => void }) {
  const [value, setValue] = useState<Span[]>(initial);
  return (
    <SpansWidget
      text={TEXT}
      labels={LABELS}
      value={value}
      onChange={(spans) => {
        setValue(spans);
        onChange(spans);
      }}
    />
  );
}

function textRegion(): HTMLElement {
  return screen.getByRole('region', { name: 'Text to label' });
}

/** The text node holding `needle` inside the region, and the needle's offset within that node. */
function locate(needle: string, occurrence = 0): { node: Text; offset: number } {
  const walker = document.createTreeWalker(textRegion(), NodeFilter.SHOW_TEXT);
  let seen = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    let from = 0;
    for (let at = data.indexOf(needle, from); at >= 0; at = data.indexOf(needle, from)) {
      if (seen++ === occurrence) return { node: node as Text, offset: at };
      from = at + 1;
    }
  }
  throw new Error(`"${needle}" is not in one text node`);
}

function select(start: { node: Node; offset: number }, end: { node: Node; offset: number }): void {
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset);
  const selection = window.getSelection() as Selection;
  selection.removeAllRanges();
  selection.addRange(range);
}

describe('SpansWidget', () => {
  it('labels a plain selection after non-ASCII text with a digit key, with exact UTF-16 offsets', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const met = locate('met');
    select(met, { node: met.node, offset: met.offset + 3 });
    await userEvent.keyboard('1');
    expect(onChange).toHaveBeenLastCalledWith([{ start: TEXT.indexOf('met'), end: TEXT.indexOf('met') + 3, label: 'PER' }]);
    expect(TEXT.slice(7, 10)).toBe('met');
    expect(onChange.mock.lastCall?.[0]).toEqual([{ start: 7, end: 10, label: 'PER' }]);
  });

  it('counts offsets across an existing highlight: selection before, through and after it', async () => {
    const onChange = vi.fn();
    render(<Harness initial={[ANA]} onChange={onChange} />);
    expect(screen.getByText('Ana', { selector: 'mark' })).toBeTruthy();
    // From "met" (before the highlight) to the end of "Köln" (after it).
    const met = locate('met');
    const koln = locate('Köln');
    select(met, { node: koln.node, offset: koln.offset + 4 });
    await userEvent.keyboard('2');
    const start = TEXT.indexOf('met');
    const end = TEXT.indexOf('Köln') + 4;
    expect(onChange).toHaveBeenLastCalledWith([{ start, end, label: 'LOC' }, ANA]);
    expect(TEXT.slice(start, end)).toBe('met Ana in Köln');
  });

  it('labels text entirely after a highlight, and the second occurrence of a word', async () => {
    const onChange = vi.fn();
    render(<Harness initial={[ANA]} onChange={onChange} />);
    const second = locate('Ana', 1); // the second "Ana", after the highlighted one
    expect(second.node.parentElement?.tagName).not.toBe('MARK');
    select(second, { node: second.node, offset: second.offset + 3 });
    await userEvent.keyboard('1');
    const at = TEXT.lastIndexOf('Ana');
    expect(onChange).toHaveBeenLastCalledWith([ANA, { start: at, end: at + 3, label: 'PER' }]);
  });

  it('labels part of a highlighted span and an emoji selected via element boundaries', async () => {
    const onChange = vi.fn();
    render(<Harness initial={[ANA]} onChange={onChange} />);
    const mark = screen.getByText('Ana', { selector: 'mark' });
    select({ node: mark.firstChild as Node, offset: 1 }, { node: mark, offset: 1 });
    await userEvent.keyboard('2');
    expect(onChange).toHaveBeenLastCalledWith([ANA, { start: ANA.start + 1, end: ANA.end, label: 'LOC' }]);

    const emoji = locate('😀');
    select(emoji, { node: emoji.node, offset: emoji.offset + 2 });
    await userEvent.keyboard('1');
    expect(onChange.mock.lastCall?.[0]).toContainEqual({ start: 4, end: 6, label: 'PER' });
  });

  it('trims white space at the edges of a selection', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const space = locate(' in ');
    select(space, { node: space.node, offset: space.offset + 4 });
    await userEvent.keyboard('2');
    expect(onChange).toHaveBeenLastCalledWith([{ start: TEXT.indexOf(' in ') + 1, end: TEXT.indexOf(' in ') + 3, label: 'LOC' }]);
  });

  it('labels the selection with a click on a label button', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const koln = locate('Köln');
    select(koln, { node: koln.node, offset: koln.offset + 4 });
    await userEvent.click(screen.getByRole('button', { name: 'LOC' }));
    expect(onChange).toHaveBeenLastCalledWith([{ start: TEXT.indexOf('Köln'), end: TEXT.indexOf('Köln') + 4, label: 'LOC' }]);
  });

  it('refuses an identical span and asks for a selection when there is none', async () => {
    const onChange = vi.fn();
    render(<Harness initial={[ANA]} onChange={onChange} />);
    const mark = screen.getByText('Ana', { selector: 'mark' });
    select({ node: mark.firstChild as Node, offset: 0 }, { node: mark.firstChild as Node, offset: 3 });
    await userEvent.keyboard('1');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText('That text already has this label.')).toBeTruthy();

    window.getSelection()?.removeAllRanges();
    await userEvent.keyboard('2');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText('Select some text first, then press a label key.')).toBeTruthy();
  });

  it('lists spans, each with a remove button', async () => {
    const onChange = vi.fn();
    const koln: Span = { start: TEXT.indexOf('Köln'), end: TEXT.indexOf('Köln') + 4, label: 'LOC' };
    render(<Harness initial={[ANA, koln]} onChange={onChange} />);
    expect(screen.getByText('“Ana” as PER')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Remove “Köln” as LOC' }));
    expect(onChange).toHaveBeenLastCalledWith([ANA]);
    expect(screen.queryByText('“Köln” as LOC')).toBeNull();
  });

  it('moves the caret by word with the arrows (Alt: by character) and selects words with Shift', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    textRegion().focus();
    // Caret to the start, then select "Zoë" with one Shift+Right and label it.
    fireEvent.keyDown(textRegion(), { key: 'Home' });
    fireEvent.keyDown(textRegion(), { key: 'ArrowRight', shiftKey: true });
    await userEvent.keyboard('1');
    expect(onChange).toHaveBeenLastCalledWith([{ start: 0, end: 3, label: 'PER' }]);
    // From after "Zoë": the emoji is no word, so the next stop is the end of "met"; then one
    // character back with Alt, and Shift+Alt+Left selects "me".
    fireEvent.keyDown(textRegion(), { key: 'ArrowRight' });
    fireEvent.keyDown(textRegion(), { key: 'ArrowLeft', altKey: true });
    fireEvent.keyDown(textRegion(), { key: 'ArrowLeft', altKey: true, shiftKey: true });
    fireEvent.keyDown(textRegion(), { key: 'ArrowLeft', altKey: true, shiftKey: true });
    await userEvent.keyboard('2');
    expect(onChange.mock.lastCall?.[0]).toContainEqual({ start: 7, end: 9, label: 'LOC' });
  });

  it('snaps a mouse selection that starts and ends inside words to whole words, unless Alt is held', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const koln = locate('Köln');
    // "öln, th" becomes "Köln, then".
    select({ node: koln.node, offset: koln.offset + 1 }, { node: koln.node, offset: koln.offset + 8 });
    fireEvent.mouseUp(textRegion());
    await userEvent.keyboard('2');
    const start = TEXT.indexOf('Köln');
    expect(onChange).toHaveBeenLastCalledWith([{ start, end: start + 10, label: 'LOC' }]);
    expect(TEXT.slice(start, start + 10)).toBe('Köln, then');
    // With Alt the selection stays as made: "öl".
    const marked = locate('Köln');
    select({ node: marked.node, offset: marked.offset + 1 }, { node: marked.node, offset: marked.offset + 3 });
    fireEvent.mouseUp(textRegion(), { altKey: true });
    await userEvent.keyboard('2');
    expect(onChange.mock.lastCall?.[0]).toContainEqual({ start: start + 1, end: start + 3, label: 'LOC' });
  });

  it('character precision, once turned on, keeps mouse selections exact', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('button', { name: 'Character precision' }));
    const met = locate('met');
    select({ node: met.node, offset: met.offset + 1 }, { node: met.node, offset: met.offset + 2 });
    fireEvent.mouseUp(textRegion());
    await userEvent.keyboard('1');
    expect(onChange).toHaveBeenLastCalledWith([{ start: 8, end: 9, label: 'PER' }]);
  });

  it("prints each span's label after its text, and relabels a clicked span without deleting it", async () => {
    const onChange = vi.fn();
    const koln: Span = { start: TEXT.indexOf('Köln'), end: TEXT.indexOf('Köln') + 4, label: 'PER' };
    render(<Harness initial={[ANA, koln]} onChange={onChange} />);
    const marks = [...textRegion().querySelectorAll('mark')];
    expect(marks.map((mark) => [mark.textContent, mark.getAttribute('data-label')])).toEqual([
      ['Ana', 'PER'],
      ['Köln', 'PER'],
    ]);
    // A click inside "Köln" (a collapsed selection there) picks it; a label then renames it.
    const inside = locate('Köln');
    select({ node: inside.node, offset: 2 }, { node: inside.node, offset: 2 });
    fireEvent.click(textRegion());
    expect(screen.getByRole('button', { name: '“Köln” as PER' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'LOC' }));
    expect(onChange).toHaveBeenLastCalledWith([ANA, { ...koln, label: 'LOC' }]);
    // It stays chosen, and Delete removes it.
    expect(screen.getByRole('button', { name: '“Köln” as LOC' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.keyboard('{Delete}');
    expect(onChange).toHaveBeenLastCalledWith([ANA]);
    // And from the list, with its label menu.
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Label of “Ana”' }), 'LOC');
    expect(onChange).toHaveBeenLastCalledWith([{ ...ANA, label: 'LOC' }]);
  });

  it('read-only: the spans and their labels, without label bar, menus or remove buttons', () => {
    render(<SpansWidget text={TEXT} labels={LABELS} value={[ANA]} readOnly />);
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(textRegion().querySelector('mark')?.getAttribute('data-label')).toBe('PER');
    expect(screen.getByText('“Ana” as PER')).toBeTruthy();
  });
});
