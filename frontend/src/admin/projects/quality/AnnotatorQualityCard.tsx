import {
  Box,
  Card,
  CardContent,
  CardHeader,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';
import { shortAddress } from '../../address';
import type { WorkerQuality } from '../../types';

/** 0.756 -> 76 */
export function accuracyPercent(accuracy: number): number {
  return Math.round(Math.min(1, Math.max(0, accuracy)) * 100);
}

/** Each annotator's labels, accuracy against the aggregated answers, and gold items answered right. */
export function AnnotatorQualityCard({ workers }: { workers: WorkerQuality[] }) {
  const translate = useTranslate();
  const title = translate('tessera.admin.quality.workers.title');
  return (
    <Card sx={{ flex: 1, minWidth: 360 }}>
      <CardHeader title={title} slotProps={{ title: { component: 'h2' } }} />
      <CardContent>
        {workers.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.quality.workers.empty')}
          </Typography>
        ) : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('tessera.admin.quality.workers.annotator')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.quality.workers.labels')}</TableCell>
                <TableCell>{translate('tessera.admin.quality.workers.accuracy')}</TableCell>
                <TableCell align="right">{translate('tessera.admin.quality.workers.gold')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {workers.map((worker) => {
                const percent = accuracyPercent(worker.accuracy);
                const percentText = translate('tessera.admin.quality.workers.percent', { percent });
                return (
                  <TableRow key={worker.annotatorId}>
                    <TableCell>
                      <Typography variant="body2" component="span" title={worker.address} sx={{ fontFamily: 'monospace' }}>
                        {shortAddress(worker.address)}
                      </Typography>
                    </TableCell>
                    <TableCell align="right">{worker.labels.toLocaleString()}</TableCell>
                    <TableCell>
                      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 140 }}>
                        <LinearProgress
                          variant="determinate"
                          value={percent}
                          aria-label={translate('tessera.admin.quality.workers.accuracyLabel', { address: shortAddress(worker.address) })}
                          aria-valuetext={percentText}
                          sx={{ flex: 1 }}
                        />
                        <Typography variant="body2" component="span">
                          {percentText}
                        </Typography>
                      </Box>
                    </TableCell>
                    <TableCell align="right">
                      {translate('tessera.admin.quality.workers.goldValue', { correct: worker.goldCorrect, seen: worker.goldSeen })}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
