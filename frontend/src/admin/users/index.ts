import UserIcon from '@mui/icons-material/People';
import { shortAddress } from '../address';
import type { User } from '../types';
import { UserCreate } from './UserCreate';
import { UserEdit } from './UserEdit';
import { UserList } from './UserList';

export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: UserIcon,
  recordRepresentation: (record: User) => shortAddress(record.address),
};
