import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { MultiLabelWidget } from './MultiLabelWidget';

const LABELS = ['sports', 'politics', 'science'];

function Harness({ onChange }: { onChange: (labels: string[]) => void }) {
  const [value, setValue] = useState<string[]>([]);
  return (
    <MultiLabelWidget
      labels={LABELS}
      value={value}
      onChange={(labels) => {
        setValue(labels);
        onChange(labels);
      }}
    />
  );
}

function checked(name: string): boolean {
  return screen.getByRole<HTMLInputElement>('checkbox', { name }).checked;
}

describe('MultiLabelWidget', () => {
  it('toggles labels with digit keys, keeping the project order', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.keyboard('3');
    await userEvent.keyboard('1');
    expect(onChange).toHaveBeenLastCalledWith(['sports', 'science']);
    expect(checked('sports') && checked('science') && !checked('politics')).toBe(true);
    await userEvent.keyboard('3');
    expect(onChange).toHaveBeenLastCalledWith(['sports']);
    expect(checked('science')).toBe(false);
  });

  it('toggles labels with the mouse', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('checkbox', { name: 'politics' }));
    expect(onChange).toHaveBeenLastCalledWith(['politics']);
    await userEvent.click(screen.getByText('politics'));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('names the group and shows each label key', () => {
    render(<Harness onChange={() => undefined} />);
    expect(screen.getByRole('group', { name: 'Choose any labels that apply' })).toBeTruthy();
    expect(screen.getAllByRole('checkbox').map((box) => box.getAttribute('aria-keyshortcuts'))).toEqual(['1', '2', '3']);
  });
});
