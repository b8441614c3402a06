import ItemIcon from '@mui/icons-material/Dataset';
import type { Item } from '../types';
import { ItemCreate } from './ItemCreate';
import { ItemEdit } from './ItemEdit';
import { ItemList } from './ItemList';
import { ItemShow } from './ItemShow';

export default {
  list: ItemList,
  create: ItemCreate,
  edit: ItemEdit,
  show: ItemShow,
  icon: ItemIcon,
  recordRepresentation: (record: Item) => record.externalId ?? `#${record.id}`,
};
