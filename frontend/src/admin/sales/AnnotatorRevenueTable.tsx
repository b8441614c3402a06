import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { AnnotatorRevenue } from './types';
import { stackOnPhones } from '../stackOnPhones';

/** What each annotator got from dataset sales, most first. */
export function AnnotatorRevenueTable({ annotators }: { annotators: AnnotatorRevenue[] }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2" id="sales-annotators-title">
          {translate('tessera.admin.sales.annotators.title')}
        </Typography>
        {annotators.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.sales.annotators.none')}
          </Typography>
        ) : (
          <Table size="small" sx={stackOnPhones} aria-labelledby="sales-annotators-title">
            <TableHead>
              <TableRow>
                <TableCell>{translate('tessera.admin.sales.annotators.address')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.sales.annotators.datasets')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.sales.annotators.sales')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.sales.annotators.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {annotators.map((annotator) => (
                <TableRow key={annotator.id}>
                  <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{annotator.address}</TableCell>
                  <TableCell align="right" data-label={translate('tessera.admin.sales.annotators.datasets')}>
                    {annotator.datasets}
                  </TableCell>
                  <TableCell align="right" data-label={translate('tessera.admin.sales.annotators.sales')}>
                    {annotator.sales}
                  </TableCell>
                  <TableCell align="right" data-label={translate('tessera.admin.sales.annotators.amount')}>
                    {annotator.amount}
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
