import { Box } from '@mui/material';
import { DateField, Labeled, NumberField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { TxHashField } from '../payouts/TxHashField';
import { EpochClaimsField, EpochModeField, EpochStatusField } from './EpochFields';
import { EpochTrouble } from './EpochTrouble';
import { SweepEpochButton } from './SweepEpochButton';
import { VoidEpochButton } from './VoidEpochButton';

export function EpochShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <SweepEpochButton />
          <VoidEpochButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <EpochTrouble />
        <NumberField source="id" />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <EpochModeField source="mode" />
          </Labeled>
          <Labeled>
            <EpochStatusField source="status" />
          </Labeled>
        </Box>
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <TextField source="total" />
          </Labeled>
          <Labeled>
            <TextField source="totalWei" />
          </Labeled>
          <Labeled>
            <NumberField source="recipients" />
          </Labeled>
        </Box>
        <Labeled label="resources.epochs.fields.claims">
          <EpochClaimsField />
        </Labeled>
        <TxHashField source="root" full emptyText="tessera.admin.epochs.noRoot" />
        <Box sx={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          <Labeled>
            <DateField source="createdAt" showTime />
          </Labeled>
          <Labeled>
            <DateField source="postedAt" showTime emptyText="tessera.admin.epochs.notPosted" />
          </Labeled>
          <Labeled>
            <DateField source="expiresAt" showTime />
          </Labeled>
        </Box>
        <TxHashField source="postTxHash" full emptyText="tessera.admin.epochs.notPosted" />
        <DateField source="voidedAt" showTime emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
