import { t } from '../../i18n/i18n';
import { shortHash, transactionUrl } from './earnings';

/** A transaction: a link to the explorer when the chain has one, else the bare hash to copy. */
export function TransactionLink({ txHash, explorerTxUrl }: { txHash: string; explorerTxUrl: string | null }) {
  const url = transactionUrl(explorerTxUrl, txHash);
  if (!url) return <code className="tx-hash">{txHash}</code>;
  return (
    <a href={url} target="_blank" rel="noreferrer" title={txHash} aria-label={t('tessera.earnings.tx.view', { hash: txHash })}>
      {shortHash(txHash)}
    </a>
  );
}
