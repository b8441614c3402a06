import { useCallback, useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';
import { describeError } from '../describeError';
import { formatDate } from '../earnings/earnings';
import { answerSummary } from './answerSummary';
import { CorrectLabel } from './CorrectLabel';
import { getMyLabels, type MyLabels } from './standingApi';
import './standing.css';

const COUNTS = ['submitted', 'pending', 'accepted', 'rejected', 'discarded'] as const;

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; labels: MyLabels };

function multiplier(value: number): string {
  return value.toFixed(2);
}

/**
 * The annotator's labels against the quality check: how many wait for it, were accepted or not; what
 * trust does to their pay; their latest labels, each with its standing, correctable while pending.
 */
export function MyLabelsSection() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [correcting, setCorrecting] = useState<number | undefined>();
  const [corrected, setCorrected] = useState(false);

  const load = useCallback(async (isCurrent: () => boolean = () => true) => {
    try {
      const labels = await getMyLabels();
      if (isCurrent()) setState({ kind: 'ready', labels });
    } catch (error) {
      if (isCurrent()) setState({ kind: 'failed', message: describeError(error) });
    }
  }, []);

  useEffect(() => {
    let current = true;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load]);

  if (state.kind === 'loading') return <p className="loading">{t('tessera.label.loading')}</p>;
  if (state.kind === 'failed') {
    return (
      <div role="alert" className="error-panel">
        <p>{state.message}</p>
        <button type="button" onClick={() => void load()}>
          {t('tessera.label.retry')}
        </button>
      </div>
    );
  }

  const { counts, trust, trustRule, recent } = state.labels;
  return (
    <>
      <section className="earnings-section" aria-labelledby="label-counts-title">
        <h2 id="label-counts-title">{t('tessera.standing.countsTitle')}</h2>
        <p className="hint">{t('tessera.standing.countsExplain')}</p>
        <dl className="label-counts">
          {COUNTS.map((name) => (
            <div key={name} className={`count-${name}`}>
              <dt>{t(`tessera.standing.counts.${name}`)}</dt>
              <dd>{counts[name]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="earnings-section" aria-labelledby="trust-title">
        <h2 id="trust-title">{t('tessera.standing.trustTitle')}</h2>
        <p className="hint">
          {t('tessera.standing.trustExplain', {
            par: trustRule.parTrust,
            min: multiplier(trustRule.minMultiplier),
            max: multiplier(trustRule.maxMultiplier),
            start: trustRule.startingTrust,
          })}
        </p>
        {trust.length === 0 ? (
          <p className="empty-list">{t('tessera.standing.trustNone')}</p>
        ) : (
          <ul className="trust-list">
            {trust.map((row) => (
              <li key={row.projectId}>
                {t('tessera.standing.trustRow', {
                  project: row.projectName,
                  trust: row.trust.toFixed(2),
                  multiplier: multiplier(row.multiplier),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="earnings-section" aria-labelledby="history-title">
        <h2 id="history-title">{t('tessera.standing.historyTitle')}</h2>
        {corrected && (
          <p role="status" className="notice">
            {t('tessera.standing.corrected')}
          </p>
        )}
        {correcting !== undefined && (
          <CorrectLabel
            key={correcting}
            labelId={correcting}
            onCancel={() => setCorrecting(undefined)}
            onDone={() => {
              setCorrecting(undefined);
              setCorrected(true);
              void load();
            }}
          />
        )}
        {recent.length === 0 ? (
          <p className="empty-list">{t('tessera.standing.historyNone')}</p>
        ) : (
          <div className="table-scroll">
            <table className="earnings-table my-labels" aria-labelledby="history-title">
              <thead>
                <tr>
                  <th scope="col">{t('tessera.standing.date')}</th>
                  <th scope="col">{t('tessera.standing.project')}</th>
                  <th scope="col">{t('tessera.standing.answer')}</th>
                  <th scope="col">{t('tessera.standing.status')}</th>
                  <th scope="col" className="number">
                    {t('tessera.standing.earned')}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t('tessera.earnings.epochs.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {recent.map((label) => (
                  <tr key={label.id}>
                    <td>{formatDate(label.createdAt)}</td>
                    <td>{label.projectName}</td>
                    <td>{answerSummary(label.result)}</td>
                    <td>
                      <span className={`label-status status-${label.status}`}>{t(`tessera.standing.statuses.${label.status}`)}</span>
                    </td>
                    <td className="number">{t('tessera.earnings.amount', { amount: label.earned })}</td>
                    <td>
                      {label.correctable && (
                        <button
                          type="button"
                          onClick={() => {
                            setCorrected(false);
                            setCorrecting(label.id);
                          }}
                          aria-label={`${t('tessera.standing.correct')}: ${label.projectName}, ${answerSummary(label.result)}`}
                        >
                          {t('tessera.standing.correct')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
