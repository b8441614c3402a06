import ReviewIcon from '@mui/icons-material/FactCheck';
import { ReviewList } from './ReviewList';

export default {
  list: ReviewList,
  icon: ReviewIcon,
  recordRepresentation: (record: { id: number }) => `#${record.id}`,
};
