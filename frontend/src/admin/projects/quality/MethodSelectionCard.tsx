import { Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ProjectQuality } from '../../types';

type Selection = NonNullable<ProjectQuality['selection']>;

/**
 * How `auto` chose the method of the last run: the deciding criterion, the winner and its lead, and
 * every candidate's scores (best first), so that an admin can see that the choice came from the data.
 * A candidate with item terms (minimax entropy) also shows its two predictions, for the vote's own item
 * and for a typical item, whose mean chose its setting; a setting that lost within its method says so.
 */
export function MethodSelectionCard({ selection }: { selection: Selection }) {
  const translate = useTranslate();
  const byGold = selection.criterion === 'gold';
  const score = (s: Selection['scores'][number]): number => (byGold ? (s.goldAccuracy ?? 0) : (s.heldOutLogLikelihood ?? -Infinity));
  const ranked = [...selection.scores].sort((a, b) => score(b) - score(a));
  const margin = byGold ? `${(100 * selection.margin).toFixed(1)} %` : `${selection.margin.toFixed(4)} nats`;
  return (
    <Card sx={{ flex: 1, minWidth: 260 }}>
      <CardHeader
        title={translate('tessera.admin.quality.selection.title')}
        subheader={translate(byGold ? 'tessera.admin.quality.selection.byGold' : 'tessera.admin.quality.selection.byHeldOut', {
          items: selection.goldItems,
          votes: selection.heldOutVotes,
        })}
        slotProps={{ title: { component: 'h2' } }}
      />
      <CardContent>
        <Typography variant="body2" sx={{ mb: 1 }}>
          {translate('tessera.admin.quality.selection.winner', { winner: selection.winner, margin })}
        </Typography>
        <Table size="small" aria-label={translate('tessera.admin.quality.selection.title')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('tessera.admin.quality.selection.candidate')}</TableCell>
              <TableCell align="right">{translate('tessera.admin.quality.selection.heldOut')}</TableCell>
              {byGold && <TableCell align="right">{translate('tessera.admin.quality.selection.gold')}</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {ranked.map((s) => (
              <TableRow key={s.candidate} selected={s.candidate === selection.winner}>
                <TableCell sx={{ wordBreak: 'break-word' }}>
                  {s.candidate}
                  {!s.settingChosen && (
                    <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
                      {translate('tessera.admin.quality.selection.settingLost')}
                    </Typography>
                  )}
                </TableCell>
                <TableCell align="right">
                  {s.heldOutLogLikelihood === null ? '—' : s.heldOutLogLikelihood.toFixed(4)}
                  {s.heldOutItem !== null && s.heldOutTypical !== null && s.heldOutItem !== s.heldOutTypical && (
                    <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
                      {translate('tessera.admin.quality.selection.parts', {
                        item: s.heldOutItem.toFixed(4),
                        typical: s.heldOutTypical.toFixed(4),
                      })}
                    </Typography>
                  )}
                </TableCell>
                {byGold && <TableCell align="right">{s.goldAccuracy === null ? '—' : `${(100 * s.goldAccuracy).toFixed(1)} %`}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate('tessera.admin.quality.selection.fitted', { items: selection.sampledItems, votes: selection.sampledVotes })}
        </Typography>
      </CardContent>
    </Card>
  );
}
