import { useEffect, useId, useRef, useState } from 'react';
import { t } from '../../i18n/i18n';
import { AnswerEditor } from '../AnswerEditor';
import { answerFromDraft, toResult, type Answer } from '../answers';
import { describeError } from '../describeError';
import { getProject, imageUrl } from '../labelApi';
import type { Assignment, Project } from '../types';
import { correctLabel, getMyLabel, type MyLabelDetail } from './standingApi';

type State =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; label: MyLabelDetail; project: Project; assignment: Assignment };

/**
 * One of the annotator's labels, open again in the widget they labeled it with, to correct it while
 * the quality check has not settled its item.
 */
export function CorrectLabel({ labelId, onDone, onCancel }: { labelId: number; onDone: () => void; onCancel: () => void }) {
  const titleId = useId();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [answer, setAnswer] = useState<Answer | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    (async () => {
      const label = await getMyLabel(labelId);
      const project = await getProject(label.projectId);
      if (!current) return;
      const assignment: Assignment = {
        assignmentId: label.id,
        item: { id: label.itemId, data: label.item.data, files: label.item.files },
        expiresAt: label.createdAt,
      };
      setState({ kind: 'ready', label, project, assignment });
      setAnswer(answerFromDraft(project.type, project.labels, label.result));
    })().catch((failure: unknown) => current && setState({ kind: 'failed', message: describeError(failure) }));
    return () => {
      current = false;
    };
  }, [labelId]);

  useEffect(() => {
    if (state.kind === 'ready') heading.current?.focus();
  }, [state.kind]);

  async function save(): Promise<void> {
    if (!answer) return;
    const result = toResult(answer);
    if (!result.ok) {
      setError(t(result.reason === 'needLabel' ? 'tessera.label.needLabel' : 'tessera.label.needText'));
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      await correctLabel(labelId, result.result);
      onDone();
    } catch (failure) {
      setError(describeError(failure));
      setSaving(false);
    }
  }

  return (
    <section className="correct-label" aria-labelledby={titleId}>
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {t('tessera.standing.correctTitle')}
        {state.kind === 'ready' && ` · ${state.label.projectName}`}
      </h3>
      <p className="hint">{t('tessera.standing.correctExplain')}</p>
      {state.kind === 'loading' && <p className="loading">{t('tessera.label.loading')}</p>}
      {state.kind === 'failed' && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && answer && (
        <div className={`work-area type-${state.project.type}`} role="group" aria-label={t('tessera.label.item')}>
          <AnswerEditor
            project={state.project}
            assignment={state.assignment}
            answer={answer}
            onChange={(next) => setAnswer(next)}
            imageSrc={imageUrl(state.assignment.item.data.image, state.assignment.item.files)}
            disabled={saving}
          />
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} disabled={saving || state.kind !== 'ready'}>
          {saving ? t('tessera.standing.correctSaving') : t('tessera.standing.correctSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('tessera.standing.correctCancel')}
        </button>
      </div>
    </section>
  );
}
