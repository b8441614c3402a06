import { Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { shortAddress } from '../address';

/** A transaction hash (or Merkle root), short in tables (the full one in the tooltip), full on detail pages. */
export function TxHashField({ source = 'hash', full = false, emptyText }: FieldProps & { full?: boolean }) {
  const translate = useTranslate();
  const value: unknown = useFieldValue({ source });
  if (typeof value !== 'string' || value === '') {
    return emptyText ? (
      <Typography variant="body2" component="span">
        {translate(emptyText, { _: emptyText })}
      </Typography>
    ) : null;
  }
  return (
    <Typography variant="body2" component="span" title={value} sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
      {full ? value : shortAddress(value)}
    </Typography>
  );
}
