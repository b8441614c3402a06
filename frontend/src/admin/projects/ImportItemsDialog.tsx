import CloseIcon from '@mui/icons-material/Close';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRef, useState, type ChangeEvent } from 'react';
import { useDataProvider, useRefresh, useTranslate } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { ImportResult, Project } from '../types';
import { formatBytes, IMPORT_ACCEPT, isAbortError, mergeFiles } from './importFiles';

type ImportState =
  | { phase: 'choosing' }
  | { phase: 'uploading'; percent: number }
  | { phase: 'processing' }
  | { phase: 'done'; result: ImportResult }
  | { phase: 'failed'; message: string };

export interface ImportItemsDialogProps {
  project: Pick<Project, 'id' | 'name'>;
  open: boolean;
  onClose: () => void;
}

/** Pick files, watch the upload's progress, then read what was imported and what was refused. */
export function ImportItemsDialog({ project, open, onClose }: ImportItemsDialogProps) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const refresh = useRefresh();
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<ImportState>({ phase: 'choosing' });
  const abort = useRef<AbortController | undefined>(undefined);
  const busy = state.phase === 'uploading' || state.phase === 'processing';

  function pick(event: ChangeEvent<HTMLInputElement>): void {
    const picked = Array.from(event.target.files ?? []);
    setFiles((chosen) => mergeFiles(chosen, picked));
    // Let the same file be picked again after removing it.
    event.target.value = '';
  }

  async function start(): Promise<void> {
    const controller = new AbortController();
    abort.current = controller;
    setState({ phase: 'uploading', percent: 0 });
    try {
      const result = await dataProvider.importItems(project.id, files, {
        signal: controller.signal,
        onProgress: (percent) => setState(percent >= 100 ? { phase: 'processing' } : { phase: 'uploading', percent }),
      });
      setState({ phase: 'done', result });
      if (result.imported > 0) refresh();
    } catch (error) {
      if (isAbortError(error)) {
        setState({ phase: 'failed', message: translate('tessera.admin.import.cancelled') });
      } else {
        const message = error instanceof Error ? translate(error.message, { _: error.message }) : String(error);
        setState({ phase: 'failed', message: translate('tessera.admin.import.failed', { message }) });
      }
    } finally {
      abort.current = undefined;
    }
  }

  function cancel(): void {
    abort.current?.abort();
  }

  function close(): void {
    setFiles([]);
    setState({ phase: 'choosing' });
    onClose();
  }

  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  return (
    <Dialog open={open} onClose={busy ? undefined : close} fullWidth maxWidth="md" aria-labelledby="import-items-title">
      <DialogTitle id="import-items-title">{translate('tessera.admin.import.title', { name: project.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            {translate('tessera.admin.import.explain')}
          </Typography>
          {(state.phase === 'choosing' || state.phase === 'failed') && (
            <FilePicker
              files={files}
              totalBytes={totalBytes}
              onPick={pick}
              onRemove={(index) => setFiles(files.filter((_, i) => i !== index))}
            />
          )}
          {state.phase === 'uploading' && <UploadProgress percent={state.percent} />}
          {state.phase === 'processing' && <UploadProgress />}
          {state.phase === 'failed' && (
            <Alert severity="error" role="alert">
              {state.message}
            </Alert>
          )}
          {state.phase === 'done' && <ImportSummary result={state.result} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        {busy ? (
          <Button onClick={cancel}>{translate('tessera.admin.import.cancel')}</Button>
        ) : (
          <Button onClick={close}>{translate('tessera.admin.import.close')}</Button>
        )}
        {(state.phase === 'choosing' || state.phase === 'failed') && (
          <Button variant="contained" onClick={() => void start()} disabled={files.length === 0} startIcon={<UploadFileIcon />}>
            {translate('tessera.admin.import.start')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function FilePicker({
  files,
  totalBytes,
  onPick,
  onRemove,
}: {
  files: File[];
  totalBytes: number;
  onPick: (event: ChangeEvent<HTMLInputElement>) => void;
  onRemove: (index: number) => void;
}) {
  const translate = useTranslate();
  return (
    <Box>
      <Button component="label" variant="outlined" startIcon={<UploadFileIcon />}>
        {translate('tessera.admin.import.choose')}
        <input type="file" hidden multiple accept={IMPORT_ACCEPT} onChange={onPick} data-testid="import-file-input" />
      </Button>
      {files.length === 0 ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('tessera.admin.import.noFiles')}
        </Typography>
      ) : (
        <>
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {translate('tessera.admin.import.files')} ·{' '}
            {translate('tessera.admin.import.selected', { smart_count: files.length, size: formatBytes(totalBytes) })}
          </Typography>
          <List dense aria-label={translate('tessera.admin.import.files')}>
            {files.map((file, index) => (
              <ListItem
                key={`${file.name}-${file.size}-${file.lastModified}`}
                secondaryAction={
                  <IconButton
                    edge="end"
                    aria-label={translate('tessera.admin.import.removeFile', { name: file.name })}
                    onClick={() => onRemove(index)}
                  >
                    <CloseIcon />
                  </IconButton>
                }
              >
                <ListItemText primary={file.name} secondary={formatBytes(file.size)} />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </Box>
  );
}

/** Determinate while bytes go up; indeterminate once they are all sent and the server is importing. */
function UploadProgress({ percent }: { percent?: number }) {
  const translate = useTranslate();
  return (
    <Box role="status">
      <LinearProgress
        variant={percent === undefined ? 'indeterminate' : 'determinate'}
        value={percent}
        aria-label={translate('tessera.admin.import.progressLabel')}
      />
      <Typography variant="body2" sx={{ mt: 1 }}>
        {percent === undefined ? translate('tessera.admin.import.processing') : translate('tessera.admin.import.uploading', { percent })}
      </Typography>
    </Box>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const translate = useTranslate();
  const counts = [
    { key: 'imported', value: result.imported },
    { key: 'duplicates', value: result.duplicates },
    { key: 'rejected', value: result.rejectedCount },
  ] as const;
  return (
    <Stack spacing={2}>
      <Alert severity={result.rejectedCount > 0 ? 'warning' : 'success'} role="status">
        {translate('tessera.admin.import.done')}
      </Alert>
      <Stack direction="row" spacing={4} component="dl" sx={{ m: 0 }}>
        {counts.map(({ key, value }) => (
          <Box key={key}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {translate(`tessera.admin.import.${key}`)}
            </Typography>
            <Typography component="dd" variant="h5" sx={{ m: 0 }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Stack>
      {result.rejected.length > 0 && (
        <TableContainer sx={{ maxHeight: 320 }}>
          <Table size="small" stickyHeader sx={{ captionSide: 'top' }}>
            <caption>{translate('tessera.admin.import.rejectedTitle')}</caption>
            <TableHead>
              <TableRow>
                <TableCell>{translate('tessera.admin.import.file')}</TableCell>
                <TableCell>{translate('tessera.admin.import.line')}</TableCell>
                <TableCell>{translate('tessera.admin.import.message')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.rejected.map((row, index) => (
                <TableRow key={`${row.file ?? ''}:${row.line}:${index}`}>
                  <TableCell>{row.file ?? '—'}</TableCell>
                  <TableCell>{row.line}</TableCell>
                  <TableCell>{row.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {(result.rejectedTruncated === true || result.rejectedCount > result.rejected.length) && (
        <Typography variant="body2" color="text.secondary">
          {translate('tessera.admin.import.truncated', { shown: result.rejected.length, total: result.rejectedCount })}
        </Typography>
      )}
    </Stack>
  );
}
