import AddIcon from '@mui/icons-material/Add';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import CloseIcon from '@mui/icons-material/Close';
import { Box, Button, FormControl, FormHelperText, FormLabel, IconButton, Stack, TextField, Typography } from '@mui/material';
import { useState, type KeyboardEvent } from 'react';
import { useWatch } from 'react-hook-form';
import {
  FieldTitle,
  InputHelperText,
  useInput,
  useResourceContext,
  useTranslate,
  ValidationError,
  type ValidationErrorMessage,
} from 'react-admin';
import type { ProjectType } from '../types';
import { addLabel, moveLabel, removeLabel } from './labels';

export interface LabelsEditorProps {
  source?: string;
  label?: string;
}

/**
 * The schema builder's label list: add (Enter or the button), remove, reorder. Duplicates and blank
 * labels are refused as they are typed; "at least one unless free text" is the form's rule
 * (validateProjectForm), shown under the list.
 */
export function LabelsEditor({ source = 'labels', label }: LabelsEditorProps) {
  const translate = useTranslate();
  const resource = useResourceContext();
  const { id, field, fieldState } = useInput<string[]>({ source, defaultValue: [] });
  const type = useWatch({ name: 'type' }) as ProjectType | undefined;
  const labels: string[] = Array.isArray(field.value) ? (field.value as string[]) : [];
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<ValidationErrorMessage | undefined>();
  const draftId = `${id}-new`;

  function change(next: string[]): void {
    field.onChange(next);
    field.onBlur();
  }

  function add(): void {
    const result = addLabel(labels, draft);
    if ('error' in result) {
      setDraftError(result.error);
      return;
    }
    change(result.labels);
    setDraft('');
    setDraftError(undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    // Enter adds the label instead of submitting the whole form.
    if (event.key === 'Enter') {
      event.preventDefault();
      add();
    }
  }

  const error = fieldState.error?.message as ValidationErrorMessage | undefined;

  return (
    <FormControl component="fieldset" error={fieldState.invalid} fullWidth sx={{ my: 1 }}>
      <FormLabel component="legend" sx={{ mb: 1 }}>
        <FieldTitle label={label} source={source} resource={resource} isRequired={type !== 'text'} />
      </FormLabel>
      {labels.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('tessera.admin.labels.empty')}
        </Typography>
      ) : (
        <Stack component="ol" direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0, mb: 1 }}>
          {labels.map((name, index) => (
            <Box
              component="li"
              key={name}
              sx={{ display: 'inline-flex', alignItems: 'center', border: 1, borderColor: 'divider', borderRadius: 4, pl: 1.5 }}
            >
              <Typography variant="body2" component="span" sx={{ mr: 0.5 }}>
                {index < 9 ? `${index + 1} · ` : ''}
                {name}
              </Typography>
              <IconButton
                size="small"
                aria-label={translate('tessera.admin.labels.moveEarlier', { label: name })}
                disabled={index === 0}
                onClick={() => change(moveLabel(labels, index, -1))}
              >
                <ChevronLeftIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                aria-label={translate('tessera.admin.labels.moveLater', { label: name })}
                disabled={index === labels.length - 1}
                onClick={() => change(moveLabel(labels, index, 1))}
              >
                <ChevronRightIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                aria-label={translate('tessera.admin.labels.remove', { label: name })}
                onClick={() => change(removeLabel(labels, index))}
              >
                <CloseIcon fontSize="small" />
              </IconButton>
            </Box>
          ))}
        </Stack>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          id={draftId}
          size="small"
          label={translate('tessera.admin.labels.newLabel')}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setDraftError(undefined);
          }}
          onKeyDown={onKeyDown}
          error={draftError !== undefined}
          helperText={draftError ? <ValidationError error={draftError} /> : translate('tessera.admin.labels.help')}
        />
        <Button variant="outlined" startIcon={<AddIcon />} onClick={add} sx={{ mt: 0.25 }}>
          {translate('tessera.admin.labels.add')}
        </Button>
      </Stack>
      <FormHelperText>
        <InputHelperText error={error} helperText={type === 'text' ? 'tessera.admin.labels.optional' : false} />
      </FormHelperText>
    </FormControl>
  );
}
