import AccountBalanceWalletIcon from '@mui/icons-material/AccountBalanceWallet';
import { Alert, Avatar, Box, Button, Card, CardActions, CardContent, CircularProgress, Typography } from '@mui/material';
import { useState } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import { describeSignInError } from './signInMessage';

/** The console's login: one wallet button, and a plain sentence for each way sign-in can fail. */
export function LoginPage() {
  const translate = useTranslate();
  const login = useLogin();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function signIn(): Promise<void> {
    setWorking(true);
    setError(undefined);
    try {
      await login({});
    } catch (caught) {
      setError(describeSignInError(caught, translate));
      setWorking(false);
    }
  }

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Card sx={{ maxWidth: 440, width: '100%' }} aria-labelledby="tessera-login-title">
        <CardContent sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2 }}>
          <Avatar sx={{ bgcolor: 'secondary.main' }}>
            <AccountBalanceWalletIcon />
          </Avatar>
          <Typography id="tessera-login-title" variant="h5" component="h1">
            {translate('tessera.admin.login.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" align="center">
            {translate('tessera.admin.login.explain')}
          </Typography>
          {error && (
            <Alert severity="error" role="alert" sx={{ width: '100%' }}>
              {error}
            </Alert>
          )}
        </CardContent>
        <CardActions sx={{ px: 2, pb: 2 }}>
          <Button
            variant="contained"
            fullWidth
            onClick={() => void signIn()}
            disabled={working}
            startIcon={working ? <CircularProgress size={18} color="inherit" /> : <AccountBalanceWalletIcon />}
          >
            {translate(working ? 'tessera.admin.login.working' : 'tessera.admin.login.button')}
          </Button>
        </CardActions>
      </Card>
    </Box>
  );
}
