import { Box, Card, Divider, Typography } from '@mui/material';
import { LinkBase } from 'react-admin';
import type { ComponentType, ReactNode } from 'react';

export interface CardWithIconProps {
  icon: ComponentType<{ fontSize?: 'large' }>;
  title: string;
  value: ReactNode;
  to?: string;
  children?: ReactNode;
}

/** A KPI card in the react-admin demo's style: icon left, title and value right. */
export function CardWithIcon({ icon: Icon, title, value, to, children }: CardWithIconProps) {
  const header = (
    <Box
      sx={{
        p: 2,
        gap: 1,
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'center',
        '& .icon': { color: 'secondary.main' },
      }}
    >
      <Box className="icon" aria-hidden="true" sx={{ width: '3em' }}>
        <Icon fontSize="large" />
      </Box>
      <Box sx={{ textAlign: 'right', minWidth: 0 }}>
        <Typography color="text.secondary" component="h2" variant="body1">
          {title}
        </Typography>
        <Typography variant="h5" component="p" sx={{ overflowWrap: 'anywhere' }}>
          {value}
        </Typography>
      </Box>
    </Box>
  );
  return (
    <Card
      sx={{
        minHeight: 52,
        display: 'flex',
        flexDirection: 'column',
        flex: 1,
        '& a': { textDecoration: 'none', color: 'inherit' },
      }}
    >
      {to ? <LinkBase to={to}>{header}</LinkBase> : header}
      {children && <Divider />}
      {children}
    </Card>
  );
}
