import { AppBar, Box, Button, Container, CssBaseline, Toolbar, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { t } from '../i18n/i18n';
import { api } from '../session/api';
import { SignIn } from '../session/SignIn';
import { loadSession, onSessionChange, type Session } from '../session/session';
import { AssetPage } from './AssetPage';
import { Catalogue } from './Catalogue';
import { Purchases } from './Purchases';
import { CATALOGUE_PATH, navigateMarket, PURCHASES_PATH, useMarketLocation } from './router';

/** The buyers' area: the catalogue and asset pages are public; "my purchases" needs the wallet's sign-in. */
export default function MarketApp() {
  const { route, search } = useMarketLocation();
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const main = useRef<HTMLElement>(null);
  useEffect(() => onSessionChange((next) => setSession(next)), []);
  useEffect(() => {
    // After each navigation, focus the page's heading, as the other areas do.
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.page]);
  const link = (path: string) => (event: React.MouseEvent) => {
    event.preventDefault();
    navigateMarket(path);
  };
  return (
    <>
      <CssBaseline />
      <AppBar position="static" color="default" elevation={1}>
        <Toolbar sx={{ gap: { xs: 1, sm: 2 }, flexWrap: 'wrap', py: { xs: 1, sm: 0 } }}>
          <Typography
            variant="h6"
            component="a"
            href={CATALOGUE_PATH}
            onClick={link(CATALOGUE_PATH)}
            sx={{ color: 'inherit', textDecoration: 'none', flexGrow: 1, whiteSpace: 'nowrap' }}
          >
            {t('tessera.market.title')}
          </Typography>
          <Button href={PURCHASES_PATH} onClick={link(PURCHASES_PATH)}>
            {t('tessera.market.purchases')}
          </Button>
          <Button href="/label">{t('tessera.market.toLabel')}</Button>
        </Toolbar>
      </AppBar>
      <Container component="main" ref={main} sx={{ py: 3 }}>
        {route.page === 'catalogue' && (
          <>
            <Typography variant="h4" component="h1" tabIndex={-1} gutterBottom>
              {t('tessera.market.title')}
            </Typography>
            <Catalogue search={search} />
          </>
        )}
        {route.page === 'asset' && <AssetPage did={route.did} />}
        {route.page === 'purchases' &&
          (session ? (
            <Purchases />
          ) : (
            <SignIn
              onSignedIn={(signedIn) => {
                // Signing in here makes the wallet a buyer (best effort: purchases need no role).
                void api('POST', '/api/market/buyer').catch(() => undefined);
                setSession(signedIn);
              }}
            />
          ))}
        {route.page === 'notFound' && (
          <Box>
            <Typography variant="h4" component="h1" tabIndex={-1}>
              {t('tessera.market.notFound')}
            </Typography>
            <Button href={CATALOGUE_PATH} onClick={link(CATALOGUE_PATH)}>
              {t('tessera.market.backToCatalogue')}
            </Button>
          </Box>
        )}
      </Container>
    </>
  );
}
