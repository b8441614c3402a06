import PersonIcon from '@mui/icons-material/HowToReg';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { DashboardStats } from '../types';
import { CardWithIcon } from './CardWithIcon';

export function ActiveAnnotators({ active }: { active: DashboardStats['activeAnnotators'] }) {
  const translate = useTranslate();
  return (
    <CardWithIcon
      icon={PersonIcon}
      title={`${translate('tessera.admin.dashboard.active.title')} · ${translate('tessera.admin.dashboard.active.today')}`}
      value={active.today.toLocaleString()}
    >
      <Box component="dl" sx={{ display: 'flex', justifyContent: 'space-around', m: 0, p: 1 }}>
        {(['last7Days', 'last30Days'] as const).map((key) => (
          <Box key={key} sx={{ textAlign: 'center' }}>
            <Typography component="dt" variant="caption" color="text.secondary">
              {translate(`tessera.admin.dashboard.active.${key}`)}
            </Typography>
            <Typography component="dd" variant="body1" sx={{ m: 0 }}>
              {active[key].toLocaleString()}
            </Typography>
          </Box>
        ))}
      </Box>
    </CardWithIcon>
  );
}
