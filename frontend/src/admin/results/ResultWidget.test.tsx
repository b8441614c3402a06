import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { itemImage } from './itemContent';
import { ResultWidget } from './ResultWidget';

describe('ResultWidget', () => {
  it('draws spans over the text, read-only: no label buttons, nothing to remove', () => {
    const { container } = render(
      <ResultWidget
        type="spans"
        labels={['PER', 'LOC']}
        item={{ data: { text: 'Ada met Charles in London.' } }}
        value={{ spans: [{ start: 0, end: 3, label: 'PER' }] }}
      />,
    );
    expect(container.querySelector('mark.span-mark')?.textContent).toBe('Ada');
    expect(screen.getByText('“Ada” as PER')).toBeTruthy();
    expect(container.querySelector('[data-readonly]')).toBeTruthy();
  });

  it('draws boxes over the image at their image coordinates', () => {
    const { container } = render(
      <ResultWidget
        type="boxes"
        labels={['car']}
        item={{ data: { image: 'https://example.org/a.png', width: 400, height: 300 } }}
        value={{ boxes: [{ x: 10, y: 20, w: 30, h: 40, label: 'car' }] }}
      />,
    );
    const rect = container.querySelector('[data-box="0"] rect')!;
    expect([rect.getAttribute('x'), rect.getAttribute('y'), rect.getAttribute('width'), rect.getAttribute('height')]).toEqual([
      '10',
      '20',
      '30',
      '40',
    ]);
  });

  it('edits in the shape of the project type', () => {
    const onChange = vi.fn();
    render(<ResultWidget type="classification" labels={['cat', 'dog']} item={{ data: {} }} value={{ label: 'cat' }} onChange={onChange} />);
    fireEvent.click(screen.getByRole('radio', { name: /dog/ }));
    expect(onChange).toHaveBeenCalledWith({ label: 'dog' });
  });
});

describe('itemImage', () => {
  it('uses the one stored file of a record without media (a review row)', () => {
    expect(itemImage({ data: {}, files: { Qm1: '/api/files/Qm1?sig=x' } })).toBe('/api/files/Qm1?sig=x');
    expect(itemImage({ data: { text: 'x' }, files: {} })).toBeUndefined();
    expect(itemImage({ data: { image: 'ipfs://Qm2' }, files: { Qm2: '/f/2', Qm3: '/f/3' } })).toBe('/f/2');
  });
});
