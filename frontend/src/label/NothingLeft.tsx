import { useEffect, useState } from 'react';
import { t } from '../i18n/i18n';
import { AppLink } from './AppLink';
import { getProgress, listProjects } from './labelApi';
import { EARNINGS_PATH, projectPath, PROJECTS_PATH } from './router';
import type { Project } from './types';

/** The first other active project that still has work for this annotator, if any. */
async function nextProjectWithWork(currentId: number): Promise<Project | undefined> {
  const others = (await listProjects()).filter((project) => project.status === 'active' && project.id !== currentId);
  const progress = await Promise.all(others.map((project) => getProgress(project.id).catch(() => undefined)));
  return others.find((_, index) => (progress[index]?.remaining ?? 0) > 0);
}

/** The project has nothing left for this annotator: where to go next (another project with work, the earnings). */
export function NothingLeft({ projectId }: { projectId: number }) {
  const [next, setNext] = useState<Project | null | undefined>(undefined);

  useEffect(() => {
    let current = true;
    nextProjectWithWork(projectId).then(
      (found) => current && setNext(found ?? null),
      () => current && setNext(null),
    );
    return () => {
      current = false;
    };
  }, [projectId]);

  return (
    <div className="done-panel" role="status">
      <p>{t('tessera.label.nothingLeft')}</p>
      <div className="done-links">
        {next && (
          <AppLink className="button-link primary" path={projectPath(next.id)}>
            {t('tessera.standing.nextProject', { project: next.name })}
          </AppLink>
        )}
        <AppLink className="button-link" path={EARNINGS_PATH}>
          {t('tessera.standing.seeEarnings')}
        </AppLink>
        <AppLink className="button-link" path={PROJECTS_PATH}>
          {t('tessera.label.back')}
        </AppLink>
      </div>
    </div>
  );
}
