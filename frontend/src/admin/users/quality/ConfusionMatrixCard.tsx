import { Box, Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { alpha, useTheme } from '@mui/material/styles';
import { useTranslate } from 'react-admin';
import { accuracyPercent } from '../../projects/quality/AnnotatorQualityCard';
import type { AnnotatorConfusion, AnnotatorProject } from '../../types';

const PREFIX = 'tessera.admin.annotatorQuality.confusion';

/** A cell's share of its row (labels whose true answer is the row's label); 0 for an empty row. */
export function rowShare(counts: number[][], row: number, column: number): number {
  const cells = counts[row] ?? [];
  const total = cells.reduce((sum, n) => sum + n, 0);
  return total === 0 ? 0 : (cells[column] ?? 0) / total;
}

function MatrixTable({ matrix }: { matrix: AnnotatorConfusion }) {
  const translate = useTranslate();
  const theme = useTheme();
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate(`${PREFIX}.tableLabel`, { name: matrix.projectName })} sx={{ width: 'auto' }}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${PREFIX}.corner`)}</TableCell>
            {matrix.labels.map((label) => (
              <TableCell key={label} align="right">
                {label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {matrix.labels.map((truth, row) => {
            const rowTotal = (matrix.counts[row] ?? []).reduce((sum, n) => sum + n, 0);
            return (
              <TableRow key={truth}>
                <TableCell component="th" scope="row">
                  {truth}
                </TableCell>
                {matrix.labels.map((label, column) => {
                  const count = matrix.counts[row]?.[column] ?? 0;
                  const share = rowShare(matrix.counts, row, column);
                  const color = row === column ? theme.palette.success.main : theme.palette.error.main;
                  return (
                    <TableCell
                      key={label}
                      align="right"
                      title={translate(`${PREFIX}.cell`, { count, total: rowTotal, truth, percent: accuracyPercent(share) })}
                      sx={{
                        backgroundColor: count === 0 ? undefined : alpha(color, 0.1 + 0.6 * share),
                        fontVariantNumeric: 'tabular-nums',
                      }}
                    >
                      {count.toLocaleString()}
                    </TableCell>
                  );
                })}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * How the annotator's answers spread over the true labels, one matrix per classification project in
 * scope; says why there is none otherwise.
 */
export function ConfusionMatrixCard({
  confusion,
  projects,
  projectId,
}: {
  confusion: AnnotatorConfusion[];
  projects: AnnotatorProject[];
  projectId: number | null;
}) {
  const translate = useTranslate();
  const selected = projectId === null ? undefined : projects.find((project) => project.projectId === projectId);
  let why: string | null = null;
  if (selected && selected.projectType !== 'classification') {
    why = translate(`${PREFIX}.notClassification`, {
      name: selected.projectName,
      type: translate(`tessera.admin.choices.projectType.${selected.projectType}`, { _: selected.projectType }),
    });
  } else if (confusion.length === 0) {
    why = translate(`${PREFIX}.noClassification`);
  }
  return (
    <Card>
      <CardHeader
        title={translate(`${PREFIX}.title`)}
        subheader={translate(`${PREFIX}.subtitle`)}
        slotProps={{ title: { component: 'h2' } }}
      />
      <CardContent sx={{ display: 'flex', flexDirection: 'column', gap: 3 }}>
        {why !== null ? (
          <Typography variant="body2" color="text.secondary">
            {why}
          </Typography>
        ) : (
          confusion.map((matrix) => (
            <Box key={matrix.projectId} component="section" aria-label={matrix.projectName}>
              <Typography variant="subtitle1" component="h3">
                {matrix.projectName}
              </Typography>
              {matrix.total === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {translate(`${PREFIX}.noneMeasured`)}
                </Typography>
              ) : (
                <>
                  <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                    {translate(`${PREFIX}.correct`, {
                      correct: matrix.correct,
                      total: matrix.total,
                      percent: accuracyPercent(matrix.correct / matrix.total),
                    })}
                  </Typography>
                  <MatrixTable matrix={matrix} />
                </>
              )}
            </Box>
          ))
        )}
      </CardContent>
    </Card>
  );
}
