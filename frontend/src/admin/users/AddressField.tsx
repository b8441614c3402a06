import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';
import { shortAddress } from '../address';

/** A wallet address, short in tables (the full one in the tooltip), full on detail pages. */
export function AddressField({ source = 'address', full = false }: FieldProps & { full?: boolean }) {
  const value: unknown = useFieldValue({ source });
  if (typeof value !== 'string') return null;
  return (
    <Typography variant="body2" component="span" title={value} sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
      {full ? value : shortAddress(value)}
    </Typography>
  );
}
