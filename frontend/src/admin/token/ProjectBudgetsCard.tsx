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
import { LinkBase, useCreatePath, useTranslate } from 'react-admin';
import { stackOnPhones } from '../stackOnPhones';
import type { ProjectBudget } from '../types';
import { budgetUse } from './budget';
import { TokenAmount } from './TokenAmount';

/** Past this share of its budget, a project's bar turns to a warning. */
const NEARLY_SPENT = 80;

/** Per project: its budget, what its accepted labels were credited, what is committed (credited and reserved), what is left. */
export function ProjectBudgetsCard({ budgets, symbol }: { budgets: ProjectBudget[]; symbol: string }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const amount = (value: string) => <TokenAmount amount={value} symbol={symbol} />;
  return (
    <Card>
      <CardHeader
        title={translate('tessera.admin.token.budgets.title')}
        subheader={translate('tessera.admin.token.budgets.subtitle')}
        slotProps={{ title: { component: 'h2' } }}
      />
      <CardContent>
        {budgets.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.token.budgets.empty')}
          </Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" sx={stackOnPhones} aria-label={translate('tessera.admin.token.budgets.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('tessera.admin.token.budgets.project')}</TableCell>
                  <TableCell align="right">{translate('tessera.admin.token.budgets.budget')}</TableCell>
                  <TableCell align="right">{translate('tessera.admin.token.budgets.credited')}</TableCell>
                  <TableCell align="right">{translate('tessera.admin.token.budgets.committed')}</TableCell>
                  <TableCell align="right">{translate('tessera.admin.token.budgets.left')}</TableCell>
                  <TableCell sx={{ minWidth: 160 }}>{translate('tessera.admin.token.budgets.used')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {budgets.map((project) => {
                  const use = budgetUse(project);
                  return (
                    <TableRow key={project.projectId}>
                      <TableCell component="th" scope="row">
                        <LinkBase to={createPath({ resource: 'projects', id: project.projectId, type: 'show' })}>{project.name}</LinkBase>
                      </TableCell>
                      <TableCell align="right" data-label={translate('tessera.admin.token.budgets.budget')}>
                        {project.budget === null ? translate('tessera.admin.token.budgets.noLimit') : amount(project.budget)}
                      </TableCell>
                      <TableCell align="right" data-label={translate('tessera.admin.token.budgets.credited')}>
                        {amount(project.credited)}
                      </TableCell>
                      <TableCell align="right" data-label={translate('tessera.admin.token.budgets.committed')}>
                        {amount(project.committed)}
                      </TableCell>
                      <TableCell align="right" data-label={translate('tessera.admin.token.budgets.left')}>
                        {use.left === null ? '—' : amount(use.left)}
                      </TableCell>
                      <TableCell data-label={translate('tessera.admin.token.budgets.used')}>
                        {use.percent !== null && (
                          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                            <LinearProgress
                              variant="determinate"
                              value={use.percent}
                              color={use.percent >= 100 ? 'error' : use.percent >= NEARLY_SPENT ? 'warning' : 'primary'}
                              aria-label={translate('tessera.admin.token.budgets.usedLabel', { name: project.name })}
                              sx={{ flex: 1 }}
                            />
                            <Typography variant="caption" sx={{ minWidth: 48, textAlign: 'right' }}>
                              {translate('tessera.admin.token.budgets.percent', { percent: use.percent })}
                            </Typography>
                          </Box>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
