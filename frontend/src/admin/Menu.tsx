import TokenIcon from '@mui/icons-material/Token';
import { Menu as RaMenu, useCanAccess } from 'react-admin';
import { TOKEN_PATH } from './token';

/** react-admin's menu (dashboard, then the resources the session may list) plus the Token page. */
export function Menu() {
  const { canAccess } = useCanAccess({ resource: 'token', action: 'read' });
  return (
    <RaMenu>
      <RaMenu.DashboardItem />
      <RaMenu.ResourceItems />
      {canAccess && <RaMenu.Item to={TOKEN_PATH} primaryText="tessera.admin.token.menu" leftIcon={<TokenIcon />} />}
    </RaMenu>
  );
}
