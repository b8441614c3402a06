import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { getToken } from '../../session/session';
import { ChoiceChip } from '../ChoiceChip';
import type { Item } from '../types';
import { ITEM_STATUS_PREFIX, itemStatusColors } from './choices';
import { dataPreview } from './media';

export function ItemStatusField(props: FieldProps<Item>) {
  return <ChoiceChip {...props} source={props.source ?? 'status'} translationPrefix={ITEM_STATUS_PREFIX} colors={itemStatusColors} />;
}

export interface DataPreviewFieldProps extends Partial<FieldProps<Item>> {
  size?: 'small' | 'large';
}

/** The item's image (thumbnail) or a line of its text. */
export function DataPreviewField({ size = 'small' }: DataPreviewFieldProps) {
  const record = useRecordContext<Item>();
  const translate = useTranslate();
  if (!record) return null;
  const preview = dataPreview(record, getToken());
  switch (preview.kind) {
    case 'image':
      return (
        <Box
          component="img"
          src={preview.src}
          alt={translate('tessera.admin.items.image', { id: record.id })}
          loading="lazy"
          sx={
            size === 'small'
              ? { display: 'block', maxHeight: 48, maxWidth: 96, objectFit: 'contain', borderRadius: 0.5 }
              : { display: 'block', maxHeight: 480, maxWidth: '100%', objectFit: 'contain', borderRadius: 1 }
          }
        />
      );
    case 'text':
      return (
        <Typography
          variant="body2"
          title={preview.text}
          sx={size === 'small' ? { maxWidth: 360, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } : undefined}
        >
          {preview.text}
        </Typography>
      );
    case 'none':
      return (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.admin.items.noPreview')}
        </Typography>
      );
  }
}
