import { Box, Card, CardContent, CardHeader, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ProjectQuality } from '../../types';

/** An agreement coefficient to 3 decimals. */
export function formatAgreement(value: number): string {
  return value.toFixed(3);
}

function AgreementValue({ value }: { value: number | null }) {
  const translate = useTranslate();
  if (value !== null) return <>{formatAgreement(value)}</>;
  return (
    <Tooltip title={translate('tessera.admin.quality.agreement.notApplicable')}>
      <span tabIndex={0}>—</span>
    </Tooltip>
  );
}

/** Inter-annotator agreement: Krippendorff's alpha and Fleiss' kappa (classification projects only). */
export function AgreementCard({ quality }: { quality: Pick<ProjectQuality, 'krippendorffAlpha' | 'fleissKappa'> }) {
  const translate = useTranslate();
  return (
    <Card sx={{ flex: 1, minWidth: 260 }}>
      <CardHeader title={translate('tessera.admin.quality.agreement.title')} slotProps={{ title: { component: 'h2' } }} />
      <CardContent>
        <Box component="dl" sx={{ m: 0, display: 'flex', justifyContent: 'space-around', gap: 2 }}>
          {(['krippendorffAlpha', 'fleissKappa'] as const).map((key) => (
            <Box key={key} sx={{ textAlign: 'center' }}>
              <Typography component="dt" variant="caption" color="text.secondary">
                {translate(`tessera.admin.quality.agreement.${key}`)}
              </Typography>
              <Typography component="dd" variant="h5" sx={{ m: 0 }}>
                <AgreementValue value={quality[key]} />
              </Typography>
            </Box>
          ))}
        </Box>
      </CardContent>
    </Card>
  );
}
