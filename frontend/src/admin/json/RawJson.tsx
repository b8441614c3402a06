import { Box, Typography } from '@mui/material';
import { useTranslate, type FieldProps } from 'react-admin';
import { JsonField } from './JsonField';

/** The record's raw JSON folded away under the drawn view, for whoever needs the exact values. */
export function RawJson({ source }: FieldProps) {
  const translate = useTranslate();
  return (
    <Box component="details" sx={{ '& summary': { cursor: 'pointer', mb: 1 } }}>
      <Typography component="summary" variant="body2" color="text.secondary">
        {translate('tessera.admin.json.raw')}
      </Typography>
      <JsonField source={source} />
    </Box>
  );
}
