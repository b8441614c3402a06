import { Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { bpsToPercent, percentToBps, salesApi } from './salesApi';
import type { SalesSettings } from './types';

/** The annotators' share of each sale: shown, and changed by an admin for the sales recorded from then on. */
export function ShareSetting({ settings, onSaved }: { settings: SalesSettings; onSaved: (settings: SalesSettings) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [text, setText] = useState(bpsToPercent(settings.shareBps));
  const [saving, setSaving] = useState(false);
  const bps = percentToBps(text);
  const changed = bps !== undefined && bps !== settings.shareBps;

  async function save() {
    if (bps === undefined) return;
    setSaving(true);
    try {
      const saved = await salesApi.updateSettings(bps);
      onSaved(saved);
      notify('tessera.admin.sales.share.saved', { type: 'success', messageArgs: { percent: bpsToPercent(saved.shareBps) } });
    } catch (error) {
      notify('tessera.admin.sales.failed', {
        type: 'error',
        messageArgs: { message: error instanceof Error ? error.message : String(error) },
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('tessera.admin.sales.share.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(settings.configured ? 'tessera.admin.sales.share.explain' : 'tessera.admin.sales.share.default')}
        </Typography>
        <Stack direction="row" spacing={2} alignItems="flex-start">
          <TextField
            label={translate('tessera.admin.sales.share.percent')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            inputMode="decimal"
            size="small"
            error={bps === undefined}
            helperText={bps === undefined ? translate('tessera.admin.sales.share.invalid') : ' '}
          />
          <Button variant="contained" onClick={() => void save()} disabled={!changed || saving}>
            {translate('tessera.admin.sales.share.save')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
