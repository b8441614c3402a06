import { useCallback, useEffect, useState } from 'react';
import { t } from '../i18n/i18n';
import { describeError } from './describeError';
import { getProgress, listProjects } from './labelApi';
import './ProjectList.css';
import { SuspensionNotice } from './standing/SuspensionNotice';
import { useMySuspension } from './standing/useMySuspension';
import type { Progress, Project } from './types';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; projects: Project[] };

/**
 * The projects open for labeling, one card each, with this annotator's progress. A suspended
 * annotator sees why first, and the cards say labeling is paused instead of offering to start.
 */
export function ProjectList({ onOpen }: { onOpen: (projectId: number) => void }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [suspension, setSuspension] = useMySuspension();
  const [progress, setProgress] = useState<Record<number, Progress>>({});

  const load = useCallback(async (isCurrent: () => boolean = () => true) => {
    setState({ kind: 'loading' });
    try {
      const projects = (await listProjects()).filter((project) => project.status === 'active');
      if (!isCurrent()) return;
      setState({ kind: 'ready', projects });
      for (const project of projects) {
        getProgress(project.id).then(
          (p) => isCurrent() && setProgress((all) => ({ ...all, [project.id]: p })),
          () => undefined,
        );
      }
    } catch (error) {
      if (isCurrent()) setState({ kind: 'failed', message: describeError(error) });
    }
  }, []);

  useEffect(() => {
    let current = true;
    document.title = `${t('tessera.label.projects')} · ${t('tessera.app.name')}`;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load]);

  return (
    <section className="project-list" aria-labelledby="projects-title">
      <h1 id="projects-title">{t('tessera.label.projects')}</h1>
      {suspension && <SuspensionNotice suspension={suspension} onChange={setSuspension} />}
      {state.kind === 'loading' && <p className="loading">{t('tessera.label.loading')}</p>}
      {state.kind === 'failed' && (
        <div role="alert" className="error-panel">
          <p>{state.message}</p>
          <button type="button" onClick={() => void load()}>
            {t('tessera.label.retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && state.projects.length === 0 && <p className="empty-state">{t('tessera.label.noProjects')}</p>}
      {state.kind === 'ready' && state.projects.length > 0 && (
        <ul className="cards">
          {state.projects.map((project) => {
            const mine = progress[project.id];
            return (
              <li key={project.id}>
                <article className={`card project-card${suspension ? ' is-suspended' : ''}`} aria-labelledby={`project-${project.id}`}>
                  <h2 id={`project-${project.id}`}>{project.name}</h2>
                  <p className="project-type">{t(`tessera.label.types.${project.type}`)}</p>
                  <p className="reward">{t('tessera.label.reward', { reward: project.rewardPerLabel })}</p>
                  <p className="progress">
                    {mine ? t('tessera.label.progress', { done: mine.done, remaining: mine.remaining }) : '\u00a0'}
                  </p>
                  {suspension ? (
                    <p className="suspended-card">{t('tessera.standing.cannotLabel')}</p>
                  ) : (
                    <button type="button" className="primary" onClick={() => onOpen(project.id)} aria-describedby={`project-${project.id}`}>
                      {t('tessera.label.start')}
                    </button>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
