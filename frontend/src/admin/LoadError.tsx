import { Alert, Button } from '@mui/material';
import { useTranslate } from 'react-admin';

/** A failed load with a retry button: `prefix` names the i18n keys `<prefix>.error` (with %{message}) and `<prefix>.retry`. */
export function LoadError({ prefix, error, onRetry }: { prefix: string; error: Error; onRetry: () => unknown }) {
  const translate = useTranslate();
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={() => void onRetry()}>
          {translate(`${prefix}.retry`)}
        </Button>
      }
    >
      {translate(`${prefix}.error`, { message: error.message })}
    </Alert>
  );
}
