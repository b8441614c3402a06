import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ClassificationWidget } from './ClassificationWidget';

const LABELS = ['positive', 'negative', 'neutral'];

function Harness({ onChange = () => undefined, disabled = false }: { onChange?: (label: string) => void; disabled?: boolean }) {
  const [value, setValue] = useState<string | null>(null);
  return (
    <ClassificationWidget
      labels={LABELS}
      value={value}
      disabled={disabled}
      onChange={(label) => {
        setValue(label);
        onChange(label);
      }}
    />
  );
}

describe('ClassificationWidget', () => {
  it('shows one radio per label, named by the label, with its digit key', () => {
    render(<Harness />);
    const group = screen.getByRole('radiogroup', { name: 'Choose a label' });
    expect(group).toBeTruthy();
    const radios = screen.getAllByRole('radio');
    expect(radios.map((radio) => radio.getAttribute('aria-keyshortcuts'))).toEqual(['1', '2', '3']);
    expect(screen.getByRole('radio', { name: 'negative' })).toBeTruthy();
  });

  it('marks the group, not its first option, as what takes the focus while nothing is chosen', async () => {
    render(<Harness />);
    const group = screen.getByRole('radiogroup', { name: 'Choose a label' });
    expect(group.hasAttribute('data-autofocus')).toBe(true);
    expect(document.querySelectorAll('input[data-autofocus]')).toHaveLength(0);
    group.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'positive' }).checked).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'positive' }));
    expect(group.hasAttribute('data-autofocus')).toBe(false);
    expect(screen.getByRole('radio', { name: 'positive' }).hasAttribute('data-autofocus')).toBe(true);
  });

  it('picks a label with its digit key', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.keyboard('2');
    expect(onChange).toHaveBeenLastCalledWith('negative');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'negative' }).checked).toBe(true);
    await userEvent.keyboard('3');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'neutral' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'negative' }).checked).toBe(false);
  });

  it('ignores digits beyond the labels, with modifiers, or while disabled', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<Harness onChange={onChange} />);
    await userEvent.keyboard('4');
    await userEvent.keyboard('{Control>}1{/Control}');
    expect(onChange).not.toHaveBeenCalled();
    rerender(<Harness onChange={onChange} disabled />);
    await userEvent.keyboard('1');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('moves the choice with the arrow keys, wrapping around', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByRole('radio', { name: 'positive' }));
    expect(onChange).toHaveBeenLastCalledWith('positive');
    await userEvent.keyboard('{ArrowDown}');
    expect(onChange).toHaveBeenLastCalledWith('negative');
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'negative' }));
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(onChange).toHaveBeenLastCalledWith('neutral');
  });

  it('picks a label with the mouse', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    await userEvent.click(screen.getByText('neutral'));
    expect(onChange).toHaveBeenLastCalledWith('neutral');
  });
});
