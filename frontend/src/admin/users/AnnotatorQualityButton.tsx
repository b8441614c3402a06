import InsightsIcon from '@mui/icons-material/Insights';
import type { MouseEvent } from 'react';
import { Button, LinkBase, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { shortAddress } from '../address';
import type { User } from '../types';

/** Opens the user's Quality tab; in a list row, without also opening the row. */
export function AnnotatorQualityButton() {
  const record = useRecordContext<User>();
  const createPath = useCreatePath();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Button
      component={LinkBase}
      to={`${createPath({ resource: 'users', id: record.id, type: 'show' })}/quality`}
      label="tessera.admin.users.quality"
      aria-label={translate('tessera.admin.users.qualityOf', { address: shortAddress(record.address) })}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      <InsightsIcon />
    </Button>
  );
}
