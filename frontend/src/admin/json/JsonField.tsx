import { Box } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';

/** A JSON value, pretty-printed. */
export function JsonField({ source }: FieldProps) {
  const value: unknown = useFieldValue({ source: source ?? '' });
  return (
    <Box
      component="pre"
      sx={{
        m: 0,
        p: 1.5,
        bgcolor: 'action.hover',
        borderRadius: 1,
        overflow: 'auto',
        // Long strings wrap: the value fits a phone's width instead of hiding its end.
        whiteSpace: 'pre-wrap',
        overflowWrap: 'anywhere',
        maxHeight: 480,
        fontSize: 13,
        fontFamily: 'monospace',
      }}
    >
      {value === undefined ? '' : JSON.stringify(value, null, 2)}
    </Box>
  );
}
