import { Alert, Box, Link, Step, StepLabel, Stepper, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Dataset } from '../types';

const STEPS = ['export', 'encrypt', 'store', 'mint', 'metadata'] as const;

/** Index of the step running (STEPS.length once published). */
export function activeStep(step: NonNullable<Dataset['publication']>['step']): number {
  return step === 'done' ? STEPS.length : STEPS.indexOf(step);
}

function Hash({ value, explorer }: { value: string | null; explorer: string | null }) {
  if (!value) return <span>—</span>;
  const text = (
    <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
      {value}
    </Typography>
  );
  return explorer ? (
    <Link href={`${explorer}${value}`} target="_blank" rel="noreferrer">
      {text}
    </Link>
  ) : (
    text
  );
}

/** The version's publication on Ocean: its steps while it runs, then the DID, the contracts and the transactions. */
export function PublicationTab() {
  const record = useRecordContext<Dataset>();
  const translate = useTranslate();
  if (!record) return null;
  const publication = record.publication;
  if (!publication) {
    return (
      <Typography color="text.secondary" role="status">
        {translate(record.status === 'ready' ? 'tessera.admin.datasets.publish.none' : 'tessera.admin.datasets.publish.notReady')}
      </Typography>
    );
  }
  const failed = publication.status === 'failed';
  const rows: Array<[string, string | null, boolean]> = [
    ['did', publication.did, false],
    ['nftAddress', publication.nftAddress, false],
    ['datatokenAddress', publication.datatokenAddress, false],
    ['exchangeAddress', publication.exchangeAddress, false],
    ['exchangeId', publication.exchangeId, false],
    ['dispenserAddress', publication.dispenserAddress, false],
    ['mintTx', publication.mintTx, true],
    ['metadataTx', publication.metadataTx, true],
  ];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Stepper activeStep={activeStep(publication.step)} alternativeLabel aria-label={translate('tessera.admin.datasets.publish.progress')}>
        {STEPS.map((step, index) => (
          <Step key={step}>
            <StepLabel error={failed && index === activeStep(publication.step)}>
              {translate(`tessera.admin.datasets.publish.steps.${step}`)}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      {failed && <Alert severity="error">{translate('tessera.admin.datasets.publish.error', { error: publication.error ?? '' })}</Alert>}
      {publication.status === 'published' && (
        <Alert severity="success">{translate('tessera.admin.datasets.publish.published', { did: publication.did ?? '' })}</Alert>
      )}
      <Typography variant="body2">
        {publication.free
          ? translate('tessera.admin.datasets.publish.isFree')
          : translate('tessera.admin.datasets.publish.isPriced', { price: publication.price ?? '' })}
      </Typography>
      <Table size="small" aria-label={translate('tessera.admin.datasets.publish.onChain')}>
        <TableBody>
          {rows
            .filter(([, value]) => value !== null)
            .map(([name, value, isTx]) => (
              <TableRow key={name}>
                <TableCell component="th" scope="row" sx={{ width: 200 }}>
                  {translate(`tessera.admin.datasets.publish.fields.${name}`)}
                </TableCell>
                <TableCell>
                  <Hash value={value} explorer={isTx ? publication.explorerTxUrl : null} />
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
    </Box>
  );
}
