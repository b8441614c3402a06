import { Button, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { salesApi } from './salesApi';
import type { DatasetRevenue } from './types';
import { stackOnPhones } from '../stackOnPhones';

/** Sales and revenue per published dataset version, each with its listing switch (the NFT's metadata state). */
export function DatasetRevenueTable({ datasets, onChanged }: { datasets: DatasetRevenue[]; onChanged: () => void }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" id="sales-datasets-title">
          {translate('tessera.admin.sales.datasets.title')}
        </Typography>
        {datasets.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.sales.datasets.none')}
          </Typography>
        ) : (
          <Table size="small" sx={stackOnPhones} aria-labelledby="sales-datasets-title">
            <TableHead>
              <TableRow>
                <TableCell>{translate('tessera.admin.sales.datasets.name')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.sales.datasets.sales')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.sales.datasets.revenue')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.sales.datasets.shared')}</TableCell>
                <TableCell>{translate('tessera.admin.sales.datasets.listing')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {datasets.map((dataset) => (
                <TableRow key={dataset.id}>
                  <TableCell>{dataset.name}</TableCell>
                  <TableCell align="right" data-label={translate('tessera.admin.sales.datasets.sales')}>
                    {dataset.sales}
                  </TableCell>
                  <TableCell align="right" data-label={translate('tessera.admin.sales.datasets.revenue')}>
                    {dataset.revenue}
                  </TableCell>
                  <TableCell align="right" data-label={translate('tessera.admin.sales.datasets.shared')}>
                    {dataset.shared}
                  </TableCell>
                  <TableCell data-label={translate('tessera.admin.sales.datasets.listing')}>
                    <ListingSwitch dataset={dataset} onChanged={onChanged} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

function ListingSwitch({ dataset, onChanged }: { dataset: DatasetRevenue; onChanged: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [sending, setSending] = useState(false);
  if (!dataset.nftAddress) return null;

  async function toggle() {
    setSending(true);
    try {
      await salesApi.setListing(dataset.id, !dataset.listed);
      notify(dataset.listed ? 'tessera.admin.sales.listing.unlisting' : 'tessera.admin.sales.listing.listing', {
        type: 'info',
        messageArgs: { name: dataset.name },
      });
      onChanged();
    } catch (error) {
      notify('tessera.admin.sales.failed', {
        type: 'error',
        messageArgs: { message: error instanceof Error ? error.message : String(error) },
      });
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <Chip
        size="small"
        color={dataset.listed ? 'success' : 'default'}
        label={translate(dataset.listed ? 'tessera.admin.sales.listing.listed' : 'tessera.admin.sales.listing.unlisted')}
        sx={{ mr: 1 }}
      />
      <Button
        size="small"
        disabled={sending}
        onClick={() => void toggle()}
        aria-label={translate(dataset.listed ? 'tessera.admin.sales.listing.unlistLabel' : 'tessera.admin.sales.listing.listLabel', {
          name: dataset.name,
        })}
      >
        {translate(dataset.listed ? 'tessera.admin.sales.listing.unlist' : 'tessera.admin.sales.listing.list')}
      </Button>
    </>
  );
}
