import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import EditIcon from '@mui/icons-material/Edit';
import { Box, Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton } from '@mui/material';
import { useId, useState } from 'react';
import { Button, Form, SaveButton, useCanAccess, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { JsonInput } from '../json/JsonInput';
import type { ReviewItem } from '../types';
import { fixErrorsOf, useDecideReview } from './useDecideReview';

/** Accept, Reject and Fix on one review row (for whoever may decide: reviewers and admins). */
export function ReviewActions(_props: Partial<FieldProps<ReviewItem>>) {
  const record = useRecordContext<ReviewItem>();
  const translate = useTranslate();
  const decide = useDecideReview();
  const [fixing, setFixing] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'review', action: 'decide' });
  if (!record || canAccess === false) return null;
  const busy = decide.isPending;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      <Button
        label="tessera.admin.review.accept"
        aria-label={translate('tessera.admin.review.acceptLabel', { id: record.id })}
        color="success"
        disabled={busy}
        onClick={() => decide.mutate({ itemId: record.id, outcome: 'accepted' })}
      >
        <CheckIcon />
      </Button>
      <Button
        label="tessera.admin.review.reject"
        aria-label={translate('tessera.admin.review.rejectLabel', { id: record.id })}
        color="error"
        disabled={busy}
        onClick={() => decide.mutate({ itemId: record.id, outcome: 'rejected' })}
      >
        <CloseIcon />
      </Button>
      <Button
        label="tessera.admin.review.fix"
        aria-label={translate('tessera.admin.review.fixLabel', { id: record.id })}
        disabled={busy}
        onClick={() => setFixing(true)}
      >
        <EditIcon />
      </Button>
      {fixing && <FixDialog record={record} onClose={() => setFixing(false)} />}
    </Box>
  );
}

interface FixDialogProps {
  record: ReviewItem;
  onClose: () => void;
}

/** The inferred answer in a JSON input; saving POSTs it as `fixed_and_accepted`. */
export function FixDialog({ record, onClose }: FixDialogProps) {
  const translate = useTranslate();
  const titleId = useId();
  const decide = useDecideReview();

  async function onSubmit(values: Record<string, unknown>) {
    try {
      await decide.mutateAsync({ itemId: record.id, outcome: 'fixed_and_accepted', result: values['result'] });
      onClose();
      return undefined;
    } catch (error) {
      const errors = fixErrorsOf(error);
      if (!errors) onClose();
      return errors;
    }
  }

  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Form record={{ id: record.id, result: record.result }} onSubmit={onSubmit}>
        <DialogTitle id={titleId}>{translate('tessera.admin.review.fixTitle', { id: record.id })}</DialogTitle>
        <DialogContent>
          <JsonInput source="result" helperText="tessera.admin.review.fixHelp" />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('tessera.admin.review.cancel')}</MuiButton>
          <SaveButton label="tessera.admin.review.fixSave" icon={<EditIcon />} />
        </DialogActions>
      </Form>
    </Dialog>
  );
}
