import { useEffect, useRef } from 'react';
import { t } from '../i18n/i18n';
import type { Session } from '../session/session';
import { AnswerEditor } from './AnswerEditor';
import { InstructionsPanel } from './InstructionsPanel';
import { isActivatable, isTypingTarget, useWindowKeydown } from './keyboard';
import { imageUrl } from './labelApi';
import { LeaseTimer } from './LeaseTimer';
import { NothingLeft } from './NothingLeft';
import { useLabelingSession } from './useLabelingSession';
import './Workspace.css';

export interface WorkspaceProps {
  projectId: number;
  session: Session;
  onBack: () => void;
}

/**
 * Labeling one project: next item, the widget for its type, submit / skip / undo, lease countdown,
 * draft autosave and submits that survive a lost connection or a reload. The work itself is
 * `useLabelingSession`'s; this is its screen and its keyboard.
 */
export function Workspace({ projectId, session, onBack }: WorkspaceProps) {
  const {
    project,
    assignment,
    phase,
    progress,
    notice,
    draftState,
    expiresAt,
    offline,
    answer,
    start,
    submit,
    skip,
    nextAfterEnd,
    undo,
    onLeaseExpired,
    itemShown,
  } = useLabelingSession(projectId, session);
  const workArea = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (project) document.title = `${project.name} · ${t('tessera.app.name')}`;
  }, [project]);

  // A new item: put the keyboard on its widget and, after a submit, record how long the wait was.
  useEffect(() => {
    if (!assignment) return;
    const area = workArea.current;
    const target = area?.querySelector<HTMLElement>('[data-autofocus]') ?? area;
    target?.focus({ preventScroll: true });
    itemShown();
  }, [assignment, itemShown]);

  useWindowKeydown((event) => {
    const typing = isTypingTarget(event.target);
    const command = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter') {
      // Plain Enter makes a new line in the answer box and presses a focused button: leave those be.
      if (event.isComposing || (!command && (typing || isActivatable(event.target)))) return;
      event.preventDefault();
      if (phase.kind === 'ended') nextAfterEnd();
      else void submit();
      return;
    }
    if (typing || event.altKey) return;
    if (command && !event.shiftKey && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      undo();
    } else if (!command && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void skip();
    }
  });

  const editable = phase.kind === 'working';
  const current = answer.value;
  const showItem = assignment && project && current && (phase.kind === 'working' || phase.kind === 'sending');

  return (
    <div className="workspace">
      <div className="workspace-head">
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('tessera.label.back')}
        </button>
        <h1>{project?.name ?? t('tessera.label.loading')}</h1>
        <div className="workspace-meta">
          {progress && (
            <span className="progress">{t('tessera.label.progress', { done: progress.done, remaining: progress.remaining })}</span>
          )}
          {showItem && <LeaseTimer expiresAt={expiresAt} leaseSeconds={project.leaseSeconds} onExpire={onLeaseExpired} />}
        </div>
      </div>

      {project && <InstructionsPanel projectId={project.id} instructions={project.instructions} />}

      {offline && (
        <p role="status" className="notice offline">
          {t('tessera.label.offline')} {t('tessera.label.retrying')}
        </p>
      )}

      {phase.kind === 'loading' && <p className="loading">{t('tessera.label.loading')}</p>}

      {phase.kind === 'failed' && (
        <div role="alert" className="error-panel">
          <p>{phase.message}</p>
          <button type="button" onClick={() => void start()}>
            {t('tessera.label.retry')}
          </button>
        </div>
      )}

      {phase.kind === 'empty' && <NothingLeft projectId={projectId} />}

      {phase.kind === 'ended' && (
        <div role="alert" className="ended-panel">
          <p>
            {phase.reason === 'expired' ? t('tessera.label.leaseExpired') : t('tessera.label.closed', { message: phase.message ?? '' })}
          </p>
          <button type="button" className="primary" onClick={nextAfterEnd}>
            {t('tessera.label.nextItem')}
          </button>
        </div>
      )}

      {showItem && (
        <>
          <div
            ref={workArea}
            className={`work-area type-${project.type}`}
            aria-label={t('tessera.label.item')}
            role="group"
            tabIndex={-1}
            aria-busy={phase.kind === 'sending'}
          >
            <AnswerEditor
              project={project}
              assignment={assignment}
              answer={current}
              onChange={(next, options) => answer.set(next, options)}
              imageSrc={imageUrl(assignment.item.data.image, assignment.item.files)}
              disabled={!editable}
            />
          </div>
          {notice && (
            <p role="alert" className="error">
              {notice}
            </p>
          )}
          <div className="action-bar">
            <button type="button" className="primary" onClick={() => void submit()} disabled={!editable} aria-keyshortcuts="Enter">
              {phase.kind === 'sending' && phase.action === 'submit' ? t('tessera.label.submitting') : t('tessera.label.submit')}
            </button>
            <button type="button" onClick={() => void skip()} disabled={!editable} aria-keyshortcuts="S">
              {t('tessera.label.skip')}
            </button>
            <button type="button" onClick={undo} disabled={!editable || !answer.canUndo} aria-keyshortcuts="Control+Z Meta+Z">
              {t('tessera.label.undo')}
            </button>
            <span className="draft-state" aria-live="polite">
              {draftState === 'saving' ? t('tessera.label.saving') : draftState === 'saved' ? t('tessera.label.saved') : ''}
            </span>
          </div>
          <p className="hint shortcuts">{project.type === 'text' ? t('tessera.label.textShortcuts') : t('tessera.label.shortcuts')}</p>
        </>
      )}
    </div>
  );
}
