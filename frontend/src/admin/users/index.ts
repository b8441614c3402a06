import UserIcon from '@mui/icons-material/People';
import { shortAddress } from '../address';
import type { User } from '../types';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';
import { UserShow } from './UserShow';

export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  show: UserShow,
  icon: UserIcon,
  recordRepresentation: (record: User) => shortAddress(record.address),
};
