import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { TextWidget } from './TextWidget';

describe('TextWidget', () => {
  it('is a labelled text box whose typing reaches onChange', async () => {
    const onChange = vi.fn();
    function Harness() {
      const [value, setValue] = useState('');
      return (
        <TextWidget
          value={value}
          onChange={(text) => {
            setValue(text);
            onChange(text);
          }}
        />
      );
    }
    render(<Harness />);
    const box = screen.getByRole('textbox', { name: 'Type your answer.' });
    await userEvent.type(box, 'Ça va 1');
    expect(onChange).toHaveBeenLastCalledWith('Ça va 1');
    expect((box as HTMLTextAreaElement).value).toBe('Ça va 1');
  });
});
