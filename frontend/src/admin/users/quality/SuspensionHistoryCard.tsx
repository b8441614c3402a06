import { Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { RecordContextProvider, useTranslate } from 'react-admin';
import { shortAddress } from '../../address';
import { ActiveField, ReasonsField } from '../../suspensions/SuspensionFields';
import type { AnnotatorSuspension } from '../../types';

const PREFIX = 'tessera.admin.annotatorQuality.suspensions';

/** Every suspension of the annotator, newest first: why, where, and when and by whom it was lifted. */
export function SuspensionHistoryCard({ suspensions }: { suspensions: AnnotatorSuspension[] }) {
  const translate = useTranslate();
  const title = translate(`${PREFIX}.title`);
  return (
    <Card>
      <CardHeader title={title} slotProps={{ title: { component: 'h2' } }} />
      <CardContent sx={{ overflowX: 'auto' }}>
        {suspensions.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(`${PREFIX}.empty`)}
          </Typography>
        ) : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${PREFIX}.createdAt`)}</TableCell>
                <TableCell>{translate(`${PREFIX}.project`)}</TableCell>
                <TableCell>{translate(`${PREFIX}.reasons`)}</TableCell>
                <TableCell>{translate(`${PREFIX}.status`)}</TableCell>
                <TableCell>{translate(`${PREFIX}.liftedAt`)}</TableCell>
                <TableCell>{translate(`${PREFIX}.liftedBy`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {suspensions.map((suspension) => (
                <RecordContextProvider key={suspension.id} value={suspension}>
                  <TableRow>
                    <TableCell>{new Date(suspension.createdAt).toLocaleString()}</TableCell>
                    <TableCell>{suspension.projectName ?? translate('tessera.admin.suspensions.global')}</TableCell>
                    <TableCell>
                      <ReasonsField source="reasons" />
                    </TableCell>
                    <TableCell>
                      <ActiveField source="active" />
                    </TableCell>
                    <TableCell>
                      {suspension.liftedAt
                        ? new Date(suspension.liftedAt).toLocaleString()
                        : translate('tessera.admin.suspensions.notLifted')}
                    </TableCell>
                    <TableCell>
                      {suspension.liftedByAddress ? (
                        <Typography variant="body2" component="span" title={suspension.liftedByAddress} sx={{ fontFamily: 'monospace' }}>
                          {shortAddress(suspension.liftedByAddress)}
                        </Typography>
                      ) : (
                        translate('tessera.admin.suspensions.notLifted')
                      )}
                    </TableCell>
                  </TableRow>
                </RecordContextProvider>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
