import { useId, useState, type FormEvent } from 'react';
import { t } from '../../i18n/i18n';
import { describeError } from '../describeError';
import { formatDate } from '../earnings/earnings';
import { requestReview, type MySuspension } from './standingApi';
import { describeReasons } from './suspensionRules';
import './standing.css';

/**
 * Tells a suspended annotator what happened: since when, the rules that fired (with what they
 * measured), that it covers every project, and how to ask for a review, which reaches the console.
 */
export function SuspensionNotice({ suspension, onChange }: { suspension: MySuspension; onChange: (next: MySuspension | null) => void }) {
  const titleId = useId();
  const messageId = useId();
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (message.trim() === '') {
      setError(t('tessera.standing.reviewNeedMessage'));
      return;
    }
    setSending(true);
    setError(undefined);
    try {
      onChange(await requestReview(message.trim()));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSending(false);
    }
  }

  const reasons = describeReasons(suspension.reasons);
  return (
    <section className="suspension-notice" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('tessera.standing.suspendedTitle')}</h2>
      <p>{t('tessera.standing.suspendedSince', { date: formatDate(suspension.createdAt) })}</p>
      <p>
        {suspension.projectName ? t('tessera.standing.firedIn', { project: suspension.projectName }) : t('tessera.standing.firedByAdmin')}
      </p>
      {reasons.length > 0 && (
        <>
          <h3>{t('tessera.standing.rulesTitle')}</h3>
          <ul className="suspension-rules">
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">{t('tessera.standing.discarded')}</p>
      {suspension.reviewRequestedAt ? (
        <p className="review-sent" role="status">
          {t('tessera.standing.reviewSent', { date: formatDate(suspension.reviewRequestedAt) })}
        </p>
      ) : (
        <form className="review-request" onSubmit={(event) => void send(event)}>
          <h3>{t('tessera.standing.reviewTitle')}</h3>
          <p className="hint">{t('tessera.standing.reviewExplain')}</p>
          <label htmlFor={messageId}>{t('tessera.standing.reviewMessage')}</label>
          <textarea id={messageId} value={message} maxLength={1000} rows={3} onChange={(event) => setMessage(event.target.value)} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={sending}>
            {sending ? t('tessera.standing.reviewSending') : t('tessera.standing.reviewSend')}
          </button>
        </form>
      )}
    </section>
  );
}
