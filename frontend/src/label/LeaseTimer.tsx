import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n/i18n';
import './LeaseTimer.css';

const WARN_SECONDS = 30;

function format(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * Counts down to the lease's end (a time on this browser's clock) and says so once, when it is
 * reached. Ticks on its own so the widgets do not re-render every second. The server's clock is
 * read from a Date header, which has whole seconds only: the end can land up to a second late here,
 * so what is shown never exceeds the lease's length (`leaseSeconds`).
 */
export function LeaseTimer({ expiresAt, leaseSeconds, onExpire }: { expiresAt: number; leaseSeconds?: number; onExpire: () => void }) {
  const [now, setNow] = useState(Date.now);
  const expired = useRef(false);
  const latest = useRef(onExpire);
  useEffect(() => {
    latest.current = onExpire;
  });

  useEffect(() => {
    expired.current = false;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (current >= expiresAt && !expired.current) {
        expired.current = true;
        latest.current();
      }
    };
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [expiresAt]);

  const seconds = Math.min(leaseSeconds ?? Infinity, Math.max(0, Math.ceil((expiresAt - now) / 1000)));
  return (
    <span role="timer" className={`lease${seconds <= WARN_SECONDS ? ' is-ending' : ''}`}>
      {t('tessera.label.leaseLeft', { time: format(seconds) })}
    </span>
  );
}
