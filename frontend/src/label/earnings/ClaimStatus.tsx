import { t } from '../../i18n/i18n';
import { TransactionLink } from './TransactionLink';
import type { ClaimState } from './useClaim';

export interface ClaimStatusProps {
  state: ClaimState;
  explorerTxUrl: string | null;
  onClaimWithoutGas: (epochId: number) => void;
  onDismiss: () => void;
}

/**
 * Where the current claim stands (a live region that stays in the page so each step is announced),
 * or why it failed, offering the gas-free claim when that would get around the problem.
 */
export function ClaimStatus({ state, explorerTxUrl, onClaimWithoutGas, onDismiss }: ClaimStatusProps) {
  const tx = (txHash: string | null) =>
    txHash && (
      <>
        {' '}
        <TransactionLink txHash={txHash} explorerTxUrl={explorerTxUrl} />
      </>
    );
  const dismiss = (
    <button type="button" onClick={onDismiss}>
      {t('tessera.earnings.dismiss')}
    </button>
  );

  function progress() {
    switch (state.kind) {
      case 'working':
        return (
          <p className="notice" aria-busy="true">
            {t(`tessera.earnings.steps.${state.step}`, { id: state.epochId, chainId: state.chainId })}
            {tx(state.txHash)}
          </p>
        );
      case 'done':
        return (
          <div className="done-panel">
            <p>
              {t('tessera.earnings.done', { id: state.epochId })}
              {tx(state.txHash)}
            </p>
            {dismiss}
          </div>
        );
      case 'pending':
        return (
          <div className="notice">
            <p>
              {t('tessera.earnings.pendingClaim', { id: state.epochId })}
              {tx(state.txHash)}
            </p>
            {dismiss}
          </div>
        );
      case 'idle':
      case 'failed':
        return null;
    }
  }

  return (
    <div className="claim-status">
      <div role="status">{progress()}</div>
      {state.kind === 'failed' && (
        <div role="alert" className="error-panel">
          <p>{state.message}</p>
          <div className="button-row">
            {state.offerGasFree && (
              <button type="button" className="primary" onClick={() => onClaimWithoutGas(state.epochId)}>
                {t('tessera.earnings.claimGasFree')}
              </button>
            )}
            {dismiss}
          </div>
        </div>
      )}
    </div>
  );
}
