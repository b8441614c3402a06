import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { LeaseTimer } from './LeaseTimer';

describe('LeaseTimer', () => {
  it('starts at the lease length even when the server clock, read to the second, puts the end a little later', () => {
    // The Date header drops the milliseconds: the end lands up to a second after now + lease here.
    render(<LeaseTimer expiresAt={Date.now() + 300_900} leaseSeconds={300} onExpire={vi.fn()} />);
    expect(screen.getByRole('timer').textContent).toBe('Time left: 5:00');
  });

  it('counts what is left of a resumed lease', () => {
    render(<LeaseTimer expiresAt={Date.now() + 42_500} leaseSeconds={300} onExpire={vi.fn()} />);
    expect(screen.getByRole('timer').textContent).toBe('Time left: 0:43');
  });
});
