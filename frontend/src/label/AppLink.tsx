import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router';

/** An in-app link: a real href (new tab, copy) that navigates without a reload on a plain click. */
export function AppLink({
  path,
  className,
  current = false,
  children,
}: {
  path: string;
  className?: string;
  current?: boolean;
  children: ReactNode;
}) {
  return (
    <a
      className={className}
      href={path}
      aria-current={current ? 'page' : undefined}
      onClick={(event: MouseEvent) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(path);
      }}
    >
      {children}
    </a>
  );
}
