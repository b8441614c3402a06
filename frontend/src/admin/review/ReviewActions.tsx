import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Button as MuiButton,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { createContext, useContext, useId, useState } from 'react';
import {
  Button,
  HttpError,
  useCanAccess,
  useGetOne,
  useNotify,
  useRecordContext,
  useTranslate,
  useUpdate,
  type FieldProps,
} from 'react-admin';
import { ResultWidget } from '../results/ResultWidget';
import type { Project, ReviewItem, ReviewOutcome } from '../types';
import { fixErrorsOf, useDecideReview } from './useDecideReview';

/**
 * Opens the fix dialog of an item. The dialog lives with the list, not the row: the rows are a table or
 * cards depending on the width, and turning a phone must not close a fix in progress.
 */
export const FixContext = createContext<(record: ReviewItem) => void>(() => undefined);

/** Accept, Reject and Fix on one review row (for whoever may decide: reviewers and admins). */
export function ReviewActions(_props: Partial<FieldProps<ReviewItem>>) {
  const record = useRecordContext<ReviewItem>();
  const translate = useTranslate();
  const decide = useUndoableDecision();
  const fixing = useDecideReview();
  const openFix = useContext(FixContext);
  const { canAccess } = useCanAccess({ resource: 'review', action: 'decide' });
  if (!record || canAccess === false) return null;
  if (record.decision) {
    return (
      <Typography variant="body2" color="text.secondary" role="status">
        {translate(`tessera.admin.review.pending.${record.decision}`)}
      </Typography>
    );
  }
  const busy = fixing.isPending;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      <Button
        label="tessera.admin.review.accept"
        aria-label={translate('tessera.admin.review.acceptLabel', { id: record.id })}
        color="success"
        disabled={busy}
        onClick={() => decide(record, 'accepted')}
      >
        <CheckIcon />
      </Button>
      <Button
        label="tessera.admin.review.reject"
        aria-label={translate('tessera.admin.review.rejectLabel', { id: record.id })}
        color="error"
        disabled={busy}
        onClick={() => decide(record, 'rejected')}
      >
        <CloseIcon />
      </Button>
      <Button
        label="tessera.admin.review.fix"
        aria-label={translate('tessera.admin.review.fixLabel', { id: record.id })}
        disabled={busy}
        onClick={() => openFix(record)}
      >
        <EditIcon />
      </Button>
    </Box>
  );
}

/**
 * Accept or reject as react-admin's undoable update: the row shows the decision at once, the
 * notification offers Undo for a few seconds, and only then does the request leave. A 409 (someone
 * else decided first) or any failure is told when it comes back; the list reloads either way.
 */
function useUndoableDecision() {
  const [update] = useUpdate<ReviewItem>();
  const notify = useNotify();
  return (record: ReviewItem, decision: Extract<ReviewOutcome, 'accepted' | 'rejected'>) => {
    void update(
      'review',
      { id: record.id, data: { decision }, previousData: record },
      {
        mutationMode: 'undoable',
        onSuccess: () =>
          notify(`tessera.admin.review.decided.${decision}`, { type: 'info', undoable: true, messageArgs: { id: record.id } }),
        onError: (error) => {
          if (error instanceof HttpError && error.status === 409) {
            notify('tessera.admin.review.conflict', { type: 'warning', messageArgs: { id: record.id } });
          } else {
            notify('tessera.admin.review.failed', {
              type: 'error',
              messageArgs: { message: error instanceof Error ? error.message : String(error) },
            });
          }
        },
      },
    );
  };
}

interface FixDialogProps {
  record: ReviewItem;
  onClose: () => void;
}

/**
 * The inferred answer in the annotators' widget for the project's type (boxes over the image, spans
 * over the text); saving POSTs the edited answer as `fixed_and_accepted`.
 */
export function FixDialog({ record, onClose }: FixDialogProps) {
  const translate = useTranslate();
  const titleId = useId();
  const decide = useDecideReview();
  const fullScreen = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const { data: project, error: projectError } = useGetOne<Project>('projects', { id: record.projectId });
  const [result, setResult] = useState<unknown>(record.result);
  const [refusal, setRefusal] = useState<string | undefined>();

  async function save() {
    setRefusal(undefined);
    try {
      await decide.mutateAsync({ itemId: record.id, outcome: 'fixed_and_accepted', result });
      onClose();
    } catch (error) {
      const errors = fixErrorsOf(error);
      if (errors) return setRefusal(refusalOf(errors));
      // Someone else decided first: nothing here can be saved any more (the list shows their decision).
      if (error instanceof HttpError && error.status === 409) return onClose();
      // Anything else (offline, a 5xx, a rate limit) keeps the edited answer on screen to save again.
      setRefusal(translate('tessera.admin.review.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="md" fullScreen={fullScreen}>
      <DialogTitle id={titleId}>{translate('tessera.admin.review.fixTitle', { id: record.id })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('tessera.admin.review.fixHelp')}
        </Typography>
        {projectError ? (
          <Alert severity="error">{translate('tessera.admin.review.failed', { message: projectError.message })}</Alert>
        ) : (
          project && <ResultWidget type={project.type} labels={project.labels} item={record} value={result} onChange={setResult} />
        )}
        {refusal && (
          <Alert severity="error" sx={{ mt: 1 }} role="alert">
            {refusal}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>{translate('tessera.admin.review.cancel')}</MuiButton>
        <MuiButton variant="contained" startIcon={<EditIcon />} disabled={!project || decide.isPending} onClick={() => void save()}>
          {translate('tessera.admin.review.fixSave')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}

/** The message of a refused fix, from the form errors the data provider made of it. */
function refusalOf(errors: Record<string, unknown>): string {
  const root = errors['root'] as { serverError?: unknown } | undefined;
  const message = root?.serverError ?? errors['result'];
  return typeof message === 'string' ? message : '';
}
