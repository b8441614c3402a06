import { Box, Chip, Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import type { Suspension, SuspensionReason } from '../types';
import { reasonMeasurements } from './reasons';

const RULES_PREFIX = 'tessera.admin.suspensions.rules';
const RULE_HELP_PREFIX = 'tessera.admin.suspensions.ruleHelp';

export interface ReasonsFieldProps extends Partial<FieldProps<Suspension>> {
  /** Under each chip, the rule's explanation and measurements (the show page). */
  detailed?: boolean;
}

/** Why the annotator was suspended: one chip per rule, its explanation and measurements in the tooltip. */
export function ReasonsField({ source = 'reasons', detailed = false }: ReasonsFieldProps) {
  const translate = useTranslate();
  const value: unknown = useFieldValue({ source });
  if (!Array.isArray(value)) return null;
  const reasons = value as SuspensionReason[];
  return (
    <Box
      component="ul"
      sx={{ m: 0, p: 0, listStyle: 'none', display: 'flex', gap: 1, flexDirection: detailed ? 'column' : 'row', flexWrap: 'wrap' }}
    >
      {reasons.map((reason, index) => {
        const help = translate(`${RULE_HELP_PREFIX}.${reason.rule}`, { _: '' });
        const measurements = reasonMeasurements(reason)
          .map(([name, measured]) => `${name}: ${measured}`)
          .join(', ');
        return (
          <Box component="li" key={index}>
            <Chip
              size="small"
              color={reason.rule === 'admin' ? 'default' : 'warning'}
              label={translate(`${RULES_PREFIX}.${reason.rule}`, { _: reason.rule })}
              title={[help, measurements].filter(Boolean).join(' ')}
            />
            {detailed && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                {[help, measurements].filter(Boolean).join(' ')}
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
}

/** "Active" (warning) or "Lifted" chip. */
export function ActiveField({ source = 'active' }: Partial<FieldProps<Suspension>>) {
  const translate = useTranslate();
  const value: unknown = useFieldValue({ source });
  if (typeof value !== 'boolean') return null;
  return value ? (
    <Chip size="small" color="warning" label={translate('tessera.admin.suspensions.active')} />
  ) : (
    <Chip size="small" variant="outlined" label={translate('tessera.admin.suspensions.lifted')} />
  );
}
