import { t } from '../../i18n/i18n';
import { epochState, formatDate, gasFreeAllowed, type EpochState } from './earnings';
import { TransactionLink } from './TransactionLink';
import type { EarningsChain, EpochShare, RelayTerms } from './types';

export interface EpochTableProps {
  epochs: EpochShare[];
  chain: EarningsChain;
  relay: RelayTerms;
  /** Epochs claimed from this page, with their transaction, until the server reports them claimed. */
  sent: Record<number, string | null>;
  busy: boolean;
  onClaim: (epoch: EpochShare) => void;
  onClaimWithoutGas: (epoch: EpochShare) => void;
}

function stateOf(epoch: EpochShare, sent: Record<number, string | null>): EpochState {
  const state = epochState(epoch);
  return epoch.epochId in sent && (state === 'claimable' || state === 'claiming') ? 'claiming' : state;
}

/** One row per payout epoch the annotator has a share in, with the claim buttons where they apply. */
export function EpochTable({ epochs, chain, relay, sent, busy, onClaim, onClaimWithoutGas }: EpochTableProps) {
  return (
    <section className="earnings-section" aria-labelledby="epochs-title">
      <h2 id="epochs-title">{t('tessera.earnings.epochs.title')}</h2>
      {epochs.length === 0 ? (
        <p className="empty-list">{t('tessera.earnings.epochs.none')}</p>
      ) : (
        <>
          <p className="hint">
            {t('tessera.earnings.claimHelp')}{' '}
            {relay.dailyCap > 0
              ? t('tessera.earnings.relayTerms', { min: relay.minAmount, cap: relay.dailyCap })
              : t('tessera.earnings.relayOff')}
          </p>
          <div className="table-scroll">
            <table className="earnings-table stacked" aria-labelledby="epochs-title">
              <thead>
                <tr>
                  <th scope="col">{t('tessera.earnings.epochs.epoch')}</th>
                  <th scope="col">{t('tessera.earnings.epochs.status')}</th>
                  <th scope="col" className="number">
                    {t('tessera.earnings.epochs.amount')}
                  </th>
                  <th scope="col">{t('tessera.earnings.epochs.expires')}</th>
                  <th scope="col">{t('tessera.earnings.epochs.transaction')}</th>
                  <th scope="col">{t('tessera.earnings.epochs.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {epochs.map((epoch) => {
                  const state = stateOf(epoch, sent);
                  const txHash = epoch.txHash ?? sent[epoch.epochId] ?? null;
                  return (
                    <tr key={epoch.epochId}>
                      <th scope="row">
                        {t('tessera.earnings.epochs.number', { id: epoch.epochId })}
                        <span className="epoch-mode">{t(`tessera.earnings.modes.${epoch.mode}`)}</span>
                      </th>
                      <td data-label={t('tessera.earnings.epochs.status')}>
                        <span className={`epoch-state state-${state}`}>{t(`tessera.earnings.states.${state}`)}</span>
                      </td>
                      <td className="number" data-label={t('tessera.earnings.epochs.amount')}>
                        {t('tessera.earnings.amount', { amount: epoch.amount })}
                      </td>
                      <td data-label={t('tessera.earnings.epochs.expires')}>
                        {epoch.mode === 'claim' ? formatDate(epoch.expiresAt) : t('tessera.earnings.none')}
                      </td>
                      <td data-label={t('tessera.earnings.epochs.transaction')}>
                        {txHash ? <TransactionLink txHash={txHash} explorerTxUrl={chain.explorerTxUrl} /> : t('tessera.earnings.none')}
                      </td>
                      <td data-label={t('tessera.earnings.epochs.actions')}>
                        {state === 'claimable' && (
                          <div className="claim-actions">
                            <button
                              type="button"
                              className="primary"
                              disabled={busy}
                              onClick={() => onClaim(epoch)}
                              aria-label={t('tessera.earnings.claimLabel', { id: epoch.epochId, amount: epoch.amount })}
                            >
                              {t('tessera.earnings.claim')}
                            </button>
                            {gasFreeAllowed(epoch, relay) && (
                              <button
                                type="button"
                                disabled={busy}
                                onClick={() => onClaimWithoutGas(epoch)}
                                aria-label={t('tessera.earnings.claimGasFreeLabel', { id: epoch.epochId, amount: epoch.amount })}
                              >
                                {t('tessera.earnings.claimGasFree')}
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
