import type { ReactNode } from 'react';
import '../label.css';
import './WidgetScope.css';

/**
 * The annotator app's look (label colours, buttons, focus ring) around widgets shown outside it, as the
 * console does for reviewers: `<WidgetScope><BoxesWidget readOnly … /></WidgetScope>`. The widgets'
 * styles are scoped under `.tessera-label`; this gives them that scope without taking the whole page.
 */
export function WidgetScope({ children }: { children: ReactNode }) {
  return <div className="tessera-label widget-scope">{children}</div>;
}
