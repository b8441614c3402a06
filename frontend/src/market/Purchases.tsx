import { Alert, Link, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { t } from '../i18n/i18n';
import { shortHex } from './format';
import { myPurchases } from './marketApi';
import { assetPath, navigateMarket } from './router';
import type { Purchase } from './types';
import { rememberedOrders } from './wallet';
import { loadSession } from '../session/session';

/** The signed-in buyer's orders, newest first, each linking to its asset page to download again. */
export function Purchases() {
  const [purchases, setPurchases] = useState<Purchase[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    // An order made in this browser moments ago is listed once the chain indexer has read it:
    // until then the page asks again every few seconds (for two minutes at most).
    const expected = rememberedOrders(loadSession()?.user.address ?? '');
    let timer: ReturnType<typeof setTimeout> | undefined;
    let tries = 0;
    const load = () =>
      myPurchases()
        .then((list) => {
          setPurchases(list);
          const listed = new Set(list.map((p) => p.txHash.toLowerCase()));
          const missing = expected.some((tx) => !listed.has(tx));
          setWaiting(missing && tries < 40);
          if (missing && tries++ < 40) timer = setTimeout(() => void load(), 3000);
        })
        .catch((caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
    void load();
    return () => clearTimeout(timer);
  }, []);
  return (
    <section aria-labelledby="purchases-title">
      <Typography id="purchases-title" variant="h4" component="h1" tabIndex={-1} gutterBottom>
        {t('tessera.market.purchases')}
      </Typography>
      {error && <Alert severity="error">{error}</Alert>}
      {waiting && (
        <Typography role="status" color="text.secondary">
          {t('tessera.market.recording')}
        </Typography>
      )}
      {purchases?.length === 0 && !waiting && <Typography>{t('tessera.market.noPurchases')}</Typography>}
      {purchases && purchases.length > 0 && (
        <TableContainer sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{t('tessera.market.dataset')}</TableCell>
                <TableCell>{t('tessera.market.purchasedAt')}</TableCell>
                <TableCell>{t('tessera.market.order')}</TableCell>
                <TableCell>{t('tessera.market.validity')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {purchases.map((p) => (
                <TableRow key={p.id}>
                  <TableCell>
                    <Link href={assetPath(p.did)} onClick={(event) => (event.preventDefault(), navigateMarket(assetPath(p.did)))}>
                      {p.datasetName ?? p.did}
                    </Link>
                  </TableCell>
                  <TableCell>{new Date(p.purchasedAt).toLocaleString()}</TableCell>
                  <TableCell>{shortHex(p.txHash)}</TableCell>
                  <TableCell>
                    {p.valid
                      ? p.validUntil
                        ? t('tessera.market.validUntil', { date: new Date(p.validUntil).toLocaleString() })
                        : t('tessera.market.validForever')
                      : t('tessera.market.expired')}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </section>
  );
}
