import { Chip, Stack } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import type { User } from '../types';
import { ROLE_PREFIX } from './roles';

export function RolesField({ source = 'roles' }: FieldProps<User>) {
  const translate = useTranslate();
  const roles: unknown = useFieldValue({ source });
  if (!Array.isArray(roles)) return null;
  return (
    <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 0.5 }}>
      {roles.map((role: unknown) => (
        <Chip
          key={String(role)}
          size="small"
          color={role === 'admin' ? 'secondary' : 'default'}
          label={translate(`${ROLE_PREFIX}.${String(role)}`, { _: String(role) })}
        />
      ))}
    </Stack>
  );
}
