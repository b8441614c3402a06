import { useId, useState } from 'react';
import { t } from '../i18n/i18n';
import './InstructionsPanel.css';

function storageKey(projectId: number): string {
  return `tessera.label.instructionsHidden.${projectId}`;
}

/** The project's instructions, open on a first visit and remembered closed once read. */
export function InstructionsPanel({ projectId, instructions }: { projectId: number; instructions: string }) {
  const bodyId = useId();
  const [open, setOpen] = useState(() => localStorage.getItem(storageKey(projectId)) !== '1');
  if (instructions.trim() === '') return null;

  function toggle(): void {
    const next = !open;
    setOpen(next);
    if (next) localStorage.removeItem(storageKey(projectId));
    else localStorage.setItem(storageKey(projectId), '1');
  }

  return (
    <section className="instructions" aria-label={t('tessera.label.instructions')}>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={bodyId} onClick={toggle}>
        {open ? t('tessera.label.hideInstructions') : t('tessera.label.showInstructions')}
      </button>
      <div id={bodyId} className="instructions-body" hidden={!open}>
        {instructions}
      </div>
    </section>
  );
}
