import { Typography } from '@mui/material';

/** An address or URL under a card's figure: small, monospace, wrapping anywhere. */
export function Monospace({ children }: { children: string }) {
  return (
    <Typography
      variant="caption"
      component="p"
      title={children}
      sx={{ px: 2, py: 1, m: 0, fontFamily: 'monospace', wordBreak: 'break-all' }}
    >
      {children}
    </Typography>
  );
}
