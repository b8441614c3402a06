import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, Card, CardActions, CardContent, Typography } from '@mui/material';
import { LinkBase, Title, useCreatePath, useGetIdentity, useLogout, usePermissions, useTranslate } from 'react-admin';

/**
 * Shown instead of a page the session's roles do not open: reviewers are sent to the annotations,
 * anyone else is told plainly that this wallet has no admin role.
 */
export function AccessDenied() {
  const translate = useTranslate();
  const logout = useLogout();
  const createPath = useCreatePath();
  const { permissions } = usePermissions<string[]>();
  const { identity } = useGetIdentity();
  const reviewer = permissions?.includes('reviewer') ?? false;
  const address = typeof identity?.['address'] === 'string' ? identity['address'] : (identity?.fullName ?? '');

  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 4 }}>
      <Title title={translate('tessera.admin.access.title')} />
      <Card sx={{ maxWidth: 560 }}>
        <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          <Typography variant="h5" component="h1" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <LockIcon aria-hidden="true" /> {translate('tessera.admin.access.title')}
          </Typography>
          <Alert severity={reviewer ? 'info' : 'warning'} role="status">
            {reviewer ? translate('tessera.admin.access.reviewerOnly') : translate('tessera.admin.access.noAdminRole', { address })}
          </Alert>
        </CardContent>
        <CardActions>
          {reviewer && (
            <Button component={LinkBase} to={createPath({ resource: 'annotations', type: 'list' })} variant="contained">
              {translate('tessera.admin.access.openAnnotations')}
            </Button>
          )}
          <Button onClick={() => void logout()}>{translate('tessera.admin.access.signOut')}</Button>
        </CardActions>
      </Card>
    </Box>
  );
}
