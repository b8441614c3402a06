import { useCallback, useEffect, useState } from 'react';
import { t } from '../../i18n/i18n';
import { describeError } from '../describeError';
import { MyLabelsSection } from '../standing/MyLabelsSection';
import { SuspensionNotice } from '../standing/SuspensionNotice';
import { useMySuspension } from '../standing/useMySuspension';
import { ClaimStatus } from './ClaimStatus';
import { DatasetSales } from './DatasetSales';
import { getEarnings } from './earningsApi';
import './earnings.css';
import { EarningsTotals } from './EarningsTotals';
import { EpochTable } from './EpochTable';
import { RecentEntries } from './RecentEntries';
import type { Earnings } from './types';
import { POLL_MS, useClaim } from './useClaim';

type State = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; earnings: Earnings };

export interface EarningsPageProps {
  /** The empty state's way to the project list. */
  onFindWork: () => void;
  /** Between two looks at a transaction or the earnings while a claim goes through. */
  pollMs?: number;
}

/**
 * The annotator's rewards: their suspension if any, totals, their labels against the quality check
 * (with trust and corrections), payout epochs (with the two ways to claim) and recent ledger entries.
 */
export function EarningsPage({ onFindWork, pollMs = POLL_MS }: EarningsPageProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [suspension, setSuspension] = useMySuspension();

  const load = useCallback(async (isCurrent: () => boolean = () => true) => {
    setState({ kind: 'loading' });
    try {
      const earnings = await getEarnings();
      if (isCurrent()) setState({ kind: 'ready', earnings });
    } catch (error) {
      if (isCurrent()) setState({ kind: 'failed', message: describeError(error) });
    }
  }, []);

  useEffect(() => {
    let current = true;
    document.title = `${t('tessera.earnings.title')} · ${t('tessera.app.name')}`;
    void load(() => current);
    return () => {
      current = false;
    };
  }, [load]);

  const showEarnings = useCallback((earnings: Earnings) => setState({ kind: 'ready', earnings }), []);

  return (
    <section className="earnings" aria-labelledby="earnings-title">
      <h1 id="earnings-title">{t('tessera.earnings.title')}</h1>
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
      {state.kind === 'ready' && (
        <EarningsView earnings={state.earnings} pollMs={pollMs} onEarnings={showEarnings} onFindWork={onFindWork} />
      )}
    </section>
  );
}

interface EarningsViewProps {
  earnings: Earnings;
  pollMs: number;
  onEarnings: (earnings: Earnings) => void;
  onFindWork: () => void;
}

function EarningsView({ earnings, pollMs, onEarnings, onFindWork }: EarningsViewProps) {
  const claim = useClaim({ pollMs, onEarnings });
  const { chain, relay, epochs, recent } = earnings;

  if (epochs.length === 0 && recent.length === 0) {
    return (
      <>
        <EarningsTotals totals={earnings.totals} />
        <div className="empty-state earnings-empty">
          <p>{t('tessera.earnings.empty')}</p>
          <button type="button" className="primary" onClick={onFindWork}>
            {t('tessera.earnings.findWork')}
          </button>
        </div>
        <MyLabelsSection />
      </>
    );
  }

  return (
    <>
      <EarningsTotals totals={earnings.totals} />
      <MyLabelsSection />
      <ClaimStatus
        state={claim.state}
        explorerTxUrl={chain.explorerTxUrl}
        onDismiss={claim.dismiss}
        onClaimWithoutGas={(epochId) => {
          const epoch = epochs.find((candidate) => candidate.epochId === epochId);
          if (epoch) claim.claimWithoutGas(epoch, chain, relay);
        }}
      />
      <EpochTable
        epochs={epochs}
        chain={chain}
        relay={relay}
        sent={claim.sent}
        busy={claim.busy}
        onClaim={(epoch) => claim.claimWithWallet(epoch, chain)}
        onClaimWithoutGas={(epoch) => claim.claimWithoutGas(epoch, chain, relay)}
      />
      <RecentEntries entries={recent} />
      <DatasetSales shares={earnings.datasetSales} />
    </>
  );
}
