import {
  Alert,
  Box,
  Button,
  Chip,
  LinearProgress,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useEffect, useState } from 'react';
import { t } from '../i18n/i18n';
import { isRejection, providerErrorMessage } from '../session/eip1193';
import { downloadResumable, saveFile, type DownloadProgress } from './download';
import { formatBytes, formatPrice, formatShare, formatWei, shortHex } from './format';
import { downloadUrl, faucet, getAsset, initializeOrder, myPurchases, oceanConfig, providerNonce } from './marketApi';
import { orderableOf } from './orderable';
import { SampleRows } from './SampleRows';
import {
  InsufficientFunds,
  NotYetConfirmed,
  purchase,
  signDownload,
  tokenBalance,
  TransactionReverted,
  type PurchaseStep,
} from './purchase';
import type { MarketAssetPage, OceanConfig } from './types';
import { loadSession } from '../session/session';
import { connectedAccount, forgetOrder, rememberOrder, rememberedOrder } from './wallet';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Counts per label, from the datasheet summary's class balance (overall, or summed over splits). */
function classBalance(datasheet: Record<string, unknown> | null): Array<{ label: string; count: number }> {
  const balance = record(datasheet?.['classBalance']);
  if (!balance) return [];
  const totals = new Map<string, number>();
  for (const [key, value] of Object.entries(balance)) {
    if (typeof value === 'number') totals.set(key, (totals.get(key) ?? 0) + value);
    else
      for (const [label, count] of Object.entries(record(value) ?? {}))
        if (typeof count === 'number') totals.set(label, (totals.get(label) ?? 0) + count);
  }
  return [...totals].map(([label, count]) => ({ label, count }));
}

/** The record fields a version's schema lists (name and inferred type). */
function schemaFields(schema: Record<string, unknown> | null): Array<{ name: string; type: string }> {
  const fields = schema?.['fields'];
  if (!Array.isArray(fields)) return [];
  return fields
    .map((field) => record(field))
    .filter((field): field is Record<string, unknown> => field !== undefined && typeof field['name'] === 'string')
    .map((field) => ({ name: String(field['name']), type: typeof field['type'] === 'string' ? field['type'] : 'unknown' }));
}

function describeError(error: unknown): string {
  if (isRejection(error)) return t('tessera.market.rejected');
  if (error instanceof Error && error.message === 'no-wallet') return t('tessera.signIn.noWallet');
  if (error instanceof InsufficientFunds) {
    return t('tessera.market.insufficient', { need: formatWei(error.need), have: formatWei(error.have) });
  }
  if (error instanceof TransactionReverted) return t('tessera.market.reverted', { tx: shortHex(error.hash) });
  if (error instanceof NotYetConfirmed) return t('tessera.market.notConfirmed', { tx: shortHex(error.hash) });
  return providerErrorMessage(error);
}

/**
 * A valid order of this asset by `account` the platform has indexed, when the market is signed in
 * as that account (orders made in another browser, or forgotten by this one); undefined otherwise.
 */
async function indexedOrder(did: string, account: string): Promise<string | undefined> {
  if (loadSession()?.user.address.toLowerCase() !== account.toLowerCase()) return undefined;
  try {
    return (await myPurchases()).find((p) => p.did === did && p.valid)?.txHash;
  } catch {
    return undefined;
  }
}

export function AssetPage({ did }: { did: string }) {
  const [asset, setAsset] = useState<MarketAssetPage | undefined>();
  const [config, setConfig] = useState<OceanConfig | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [account, setAccount] = useState<string | undefined>();
  const [orderTx, setOrderTx] = useState<string | undefined>();
  const [step, setStep] = useState<PurchaseStep | 'faucet' | undefined>();
  const [balance, setBalance] = useState<bigint | undefined>();
  const [progress, setProgress] = useState<Record<string, DownloadProgress>>({});
  const [downloading, setDownloading] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let current = true;
    Promise.all([getAsset(did), oceanConfig()])
      .then(([page, ocean]) => current && (setAsset(page), setConfig(ocean)))
      .catch((caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)));
    return () => {
      current = false;
    };
  }, [did]);

  useEffect(() => {
    if (account) setOrderTx(rememberedOrder(did, account));
  }, [account, did]);

  if (error && !asset) return <Alert severity="error">{error}</Alert>;
  if (!asset || !config) return <LinearProgress aria-label={t('tessera.market.loading')} />;
  const orderable = orderableOf(asset);
  const balanceOfLabels = classBalance(asset.datasheet);
  const report = record(asset.syntheticReport);
  const scores = record(report?.['scores']);

  async function connect() {
    const { provider, account: address } = await connectedAccount({ chainId: config!.chainId, rpcUrl: config!.nodeUri });
    setAccount(address);
    setBalance(await tokenBalance(provider, config!.oceanTokenAddress, address));
    return { provider, account: address };
  }

  async function buy() {
    if (!orderable) return;
    setError(undefined);
    let address: string | undefined;
    try {
      const connected = await connect();
      address = connected.account;
      // Bought before (in this browser, or another one the platform has seen): download, never pay twice.
      const known = rememberedOrder(asset!.did, address) ?? (await indexedOrder(asset!.did, address));
      if (known) {
        rememberOrder(asset!.did, address, known);
        setOrderTx(known);
        return;
      }
      const buyer = address;
      const { orderTx: tx } = await purchase(
        connected.provider,
        buyer,
        orderable,
        () => initializeOrder(config!.providerUri, asset!.did, orderable.serviceId, buyer),
        setStep,
        // Kept as soon as it is sent: a page closed or a node that fails while it is mined must not lead to a second purchase.
        (sent) => rememberOrder(asset!.did, buyer, sent),
      );
      setOrderTx(tx);
      setBalance(await tokenBalance(connected.provider, config!.oceanTokenAddress, buyer));
    } catch (caught) {
      if (caught instanceof TransactionReverted && address) forgetOrder(asset!.did, address);
      // Sent but not mined yet: the order stays, and its files can be asked for once it is.
      if (caught instanceof NotYetConfirmed) setOrderTx(caught.hash);
      setError(describeError(caught));
    } finally {
      setStep(undefined);
    }
  }

  async function fund() {
    setError(undefined);
    setStep('faucet');
    try {
      const { provider, account: address } = await connect();
      const before = await tokenBalance(provider, config!.oceanTokenAddress, address);
      await faucet(address);
      // The tokens are sent by the platform's outbox: wait until they are in the wallet.
      for (let tries = 0; tries < 120; tries++) {
        const now = await tokenBalance(provider, config!.oceanTokenAddress, address);
        setBalance(now);
        if (now > before) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setStep(undefined);
    }
  }

  async function download(fileIndex: number, name: string) {
    if (!orderable || !orderTx || downloading.has(name)) return;
    setError(undefined);
    setDownloading((names) => new Set(names).add(name));
    try {
      const previous = account;
      const { provider, account: address } = await connect();
      // The order is the account's that made it: another account of the wallet has its own, or none.
      const ordered = rememberedOrder(asset!.did, address) ?? (previous === address ? orderTx : undefined);
      if (!ordered) {
        setOrderTx(undefined);
        setError(t('tessera.market.otherAccount', { account: shortHex(previous ?? '') }));
        return;
      }
      const file = await downloadResumable(
        async () => {
          // Each attempt (the first, or a resume after a cut) signs a fresh nonce, as the provider requires.
          const nonce = String((await providerNonce(config!.providerUri, address)) + 1n);
          const signature = await signDownload(provider, address, nonce);
          return downloadUrl(config!.providerUri, {
            did: asset!.did,
            serviceId: orderable.serviceId,
            fileIndex,
            orderTx: ordered,
            consumer: address,
            nonce,
            signature,
          });
        },
        (p) => setProgress((all) => ({ ...all, [name]: p })),
        5,
        // Declining to sign ends the download (asking again four times would not change the answer).
        { isFinal: isRejection },
      );
      saveFile(file, name);
    } catch (caught) {
      setError(describeError(caught));
      setProgress(({ [name]: _failed, ...rest }) => rest);
    } finally {
      setDownloading((names) => {
        const next = new Set(names);
        next.delete(name);
        return next;
      });
    }
  }

  return (
    <Stack spacing={3} component="article" aria-labelledby="asset-title">
      <Box>
        <Typography id="asset-title" variant="h4" component="h1" tabIndex={-1}>
          {asset.name || asset.did}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ my: 1 }} flexWrap="wrap" useFlexGap>
          {asset.taskType && <Chip label={asset.taskType} />}
          {asset.kind && <Chip label={t(`tessera.market.kinds.${asset.kind}`)} />}
          {asset.license && <Chip variant="outlined" label={asset.license} />}
          {asset.tags.map((tag) => (
            <Chip key={tag} variant="outlined" size="small" label={tag} />
          ))}
        </Stack>
        <Typography>{asset.description}</Typography>
      </Box>

      <Box component="section" aria-labelledby="buy-title" sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}>
        <Typography id="buy-title" variant="h6" component="h2">
          {formatPrice(asset.price, asset.free)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('tessera.market.salesCount', { smart_count: asset.sales })}
          {account && balance !== undefined && ` · ${t('tessera.market.balance', { amount: formatWei(balance) })}`}
        </Typography>
        {error && (
          <Alert severity="error" sx={{ my: 1 }}>
            {error}
          </Alert>
        )}
        {step && (
          <Box role="status" sx={{ my: 1 }}>
            <Typography variant="body2">{t(`tessera.market.steps.${step}`)}</Typography>
            <LinearProgress />
          </Box>
        )}
        {asset.chain.state !== 0 ? (
          <Alert severity="info">{t('tessera.market.notOrderable')}</Alert>
        ) : asset.external ? (
          // Its files are served by its own provider, not this platform's: this page does not sign
          // requests for another provider (a signed download nonce is good at any provider).
          <Alert severity="info">{t('tessera.market.externalOrder')}</Alert>
        ) : !orderable ? (
          <Alert severity="info">{t('tessera.market.noPrice')}</Alert>
        ) : orderTx ? (
          <Alert severity="success">{t('tessera.market.purchased', { tx: shortHex(orderTx) })}</Alert>
        ) : (
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button variant="contained" onClick={() => void buy()} disabled={step !== undefined}>
              {asset.free ? t('tessera.market.getFree') : t('tessera.market.buy')}
            </Button>
            {!asset.free && (
              <Button onClick={() => void fund()} disabled={step !== undefined}>
                {t('tessera.market.faucet')}
              </Button>
            )}
          </Stack>
        )}
      </Box>

      <Box component="section" aria-labelledby="files-title">
        <Typography id="files-title" variant="h6" component="h2">
          {t('tessera.market.files')}
        </Typography>
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('tessera.market.fileName')}</TableCell>
                <TableCell>{t('tessera.market.format')}</TableCell>
                <TableCell align="right">{t('tessera.market.size')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {asset.files.map((file, index) => {
                const p = progress[file.name];
                return (
                  <TableRow key={file.name}>
                    <TableCell>{file.name}</TableCell>
                    <TableCell>{file.format}</TableCell>
                    <TableCell align="right">{formatBytes(file.bytes)}</TableCell>
                    <TableCell>
                      {orderTx ? (
                        <Button size="small" onClick={() => void download(index, file.name)} disabled={downloading.has(file.name)}>
                          {t('tessera.market.download')}
                        </Button>
                      ) : null}
                      {p && (
                        <LinearProgress
                          aria-label={t('tessera.market.downloading', { name: file.name })}
                          variant={p.total ? 'determinate' : 'indeterminate'}
                          value={p.total ? (100 * p.received) / p.total : undefined}
                        />
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
        {asset.croissantUrl && (
          <Link href={asset.croissantUrl} download>
            {t('tessera.market.croissant')}
          </Link>
        )}
      </Box>

      {schemaFields(asset.schema).length > 0 && (
        <Box component="section" aria-labelledby="schema-title">
          <Typography id="schema-title" variant="h6" component="h2">
            {t('tessera.market.schema')}
          </Typography>
          <Typography variant="body2">
            {schemaFields(asset.schema)
              .map((field) => `${field.name} (${field.type})`)
              .join(' · ')}
          </Typography>
          {Array.isArray(asset.schema?.['labels']) && (
            <Typography variant="body2" color="text.secondary">
              {t('tessera.market.labels', { labels: (asset.schema['labels'] as unknown[]).map(String).join(', ') })}
            </Typography>
          )}
        </Box>
      )}

      {asset.kind !== null && <SampleRows did={asset.did} />}

      <Box component="section" aria-labelledby="quality-title">
        <Typography id="quality-title" variant="h6" component="h2">
          {t('tessera.market.quality')}
        </Typography>
        <Typography variant="body2">
          {t('tessera.market.qualityLine', {
            agreement: formatShare(asset.agreement),
            confidence: formatShare(asset.confidence),
            sales: asset.sales,
          })}
        </Typography>
        {balanceOfLabels.length > 0 && (
          <BarChart
            height={220}
            xAxis={[{ scaleType: 'band', data: balanceOfLabels.map((b) => b.label) }]}
            series={[{ data: balanceOfLabels.map((b) => b.count), label: t('tessera.market.classBalance') }]}
          />
        )}
        {scores && (
          <Typography variant="body2">
            {t('tessera.market.syntheticScores', {
              overall: formatShare(scores['overall'] as number | null),
              shapes: formatShare(scores['columnShapes'] as number | null),
              pairs: formatShare(scores['columnPairTrends'] as number | null),
            })}
          </Typography>
        )}
      </Box>

      <Box component="section" aria-labelledby="chain-title">
        <Typography id="chain-title" variant="h6" component="h2">
          {t('tessera.market.onChain')}
        </Typography>
        <Typography variant="body2" sx={{ wordBreak: 'break-all' }}>
          DID {asset.did}
          <br />
          NFT {asset.chain.nftAddress} · {t('tessera.market.chainId', { id: asset.chain.chainId })}
          <br />
          {asset.chain.datatokens.map((token) => `${token.symbol} ${token.address}`).join(', ')}
          <br />
          {t('tessera.market.mintTx')}{' '}
          {asset.chain.mintTxUrl ? <Link href={asset.chain.mintTxUrl}>{shortHex(asset.chain.mintTx)}</Link> : shortHex(asset.chain.mintTx)}
          {' · '}
          {t('tessera.market.metadataTx')}{' '}
          {asset.chain.metadataTxUrl ? (
            <Link href={asset.chain.metadataTxUrl}>{shortHex(asset.chain.metadataTx)}</Link>
          ) : (
            shortHex(asset.chain.metadataTx)
          )}
        </Typography>
      </Box>
    </Stack>
  );
}
