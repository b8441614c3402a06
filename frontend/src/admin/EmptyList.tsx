import InboxIcon from '@mui/icons-material/Inbox';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** A list's empty state: what is missing, where it comes from, and optionally the action that makes one. */
export function EmptyList({ title, help, action }: { title: string; help: string; action?: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} role="status">
      <InboxIcon aria-hidden="true" sx={{ fontSize: 64, color: 'text.disabled' }} />
      <Typography variant="h6" component="p">
        {translate(title)}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate(help)}
      </Typography>
      {action}
    </Box>
  );
}
