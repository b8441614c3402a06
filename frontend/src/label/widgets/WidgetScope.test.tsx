import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BoxesWidget } from './BoxesWidget';
import { SpansWidget } from './SpansWidget';
import { WidgetScope } from './WidgetScope';

describe('WidgetScope', () => {
  it('puts read-only widgets, prefilled, inside the annotator theme', () => {
    render(
      <WidgetScope>
        <SpansWidget text="Ada met Charles." labels={['PER']} value={[{ start: 0, end: 3, label: 'PER' }]} readOnly />
        <BoxesWidget src="/a.png" width={100} height={50} labels={['car']} value={[{ x: 1, y: 2, w: 3, h: 4, label: 'car' }]} readOnly />
      </WidgetScope>,
    );
    const scope = screen.getByRole('region', { name: 'Text to label' }).closest('.tessera-label');
    expect(scope?.classList.contains('widget-scope')).toBe(true);
    expect(screen.getByText('“Ada” as PER')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Box 1: car/ })).toBeTruthy();
  });
});
