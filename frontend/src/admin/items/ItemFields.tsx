import { Box, Chip, Typography } from '@mui/material';
import { Labeled, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { ChoiceChip } from '../ChoiceChip';
import { RawJson } from '../json/RawJson';
import { DrawnResult } from '../results/DrawnResult';
import type { Item } from '../types';
import { ITEM_STATUS_PREFIX, itemStatusColors } from './choices';
import { dataPreview } from './media';

export function ItemStatusField(props: FieldProps<Item>) {
  return <ChoiceChip {...props} source={props.source ?? 'status'} translationPrefix={ITEM_STATUS_PREFIX} colors={itemStatusColors} />;
}

/** Whether the item is a gold item (one with a known answer). Older records have no `gold` field. */
export function isGold(item: Pick<Item, 'gold'>): boolean {
  return item.gold !== null && item.gold !== undefined;
}

/** A "Gold" chip on gold items; nothing on ordinary ones. */
export function GoldField(_props: Partial<FieldProps<Item>>) {
  const record = useRecordContext<Item>();
  const translate = useTranslate();
  if (!record || !isGold(record)) return null;
  return (
    <Chip size="small" color="secondary" label={translate('tessera.admin.items.gold')} title={translate('tessera.admin.items.goldHelp')} />
  );
}

/** A gold item's known answer as JSON, under its own label; nothing on ordinary items. */
export function GoldAnswerField(_props: Partial<FieldProps<Item>>) {
  const record = useRecordContext<Item>();
  if (!record || !isGold(record)) return null;
  return (
    <Labeled label="resources.items.fields.gold">
      <Box sx={{ width: '100%' }}>
        <DrawnResult projectId={record.projectId} item={record} result={record.gold} />
        <RawJson source="gold" />
      </Box>
    </Labeled>
  );
}

export interface DataPreviewFieldProps extends Partial<FieldProps<Item>> {
  size?: 'small' | 'large';
}

/** The item's image (thumbnail) or a line of its text. */
export function DataPreviewField({ size = 'small' }: DataPreviewFieldProps) {
  const record = useRecordContext<Item>();
  const translate = useTranslate();
  if (!record) return null;
  const preview = dataPreview(record);
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
