import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { TesseraDataProvider } from '../dataProvider';
import type { Dataset, DatasetFile } from '../types';
import { formatBytes } from './DatasetFields';

/** Hands a downloaded file to the browser under its name. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  URL.revokeObjectURL(url);
}

function DownloadButton({ dataset, file }: { dataset: Dataset; file: DatasetFile }) {
  const dataProvider = useDataProvider<TesseraDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const [received, setReceived] = useState<number | undefined>(undefined);

  async function download() {
    setReceived(0);
    try {
      const blob = await dataProvider.downloadDatasetFile(dataset.id, file.name, { onProgress: (bytes) => setReceived(bytes) });
      saveBlob(blob, file.name);
    } catch (error) {
      notify('tessera.admin.datasets.files.failed', {
        type: 'error',
        messageArgs: { name: file.name, message: error instanceof Error ? error.message : String(error) },
      });
    } finally {
      setReceived(undefined);
    }
  }

  if (received !== undefined) {
    const percent = file.bytes > 0 ? Math.min(100, Math.round((received / file.bytes) * 100)) : 0;
    return (
      <Box sx={{ minWidth: 120 }}>
        <Typography variant="caption">{translate('tessera.admin.datasets.files.downloading', { percent })}</Typography>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={translate('tessera.admin.datasets.files.progress', { name: file.name })}
        />
      </Box>
    );
  }
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      onClick={() => void download()}
      aria-label={translate('tessera.admin.datasets.files.download', { name: file.name })}
    >
      {translate('tessera.admin.datasets.files.downloadShort')}
    </Button>
  );
}

/** The version's files: format, size, checksum and CID of the encrypted copy on IPFS, each downloadable. */
export function FilesTab() {
  const record = useRecordContext<Dataset>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.files?.length) {
    return (
      <Typography color="text.secondary" role="status">
        {translate(record.status === 'failed' ? 'tessera.admin.datasets.files.none' : 'tessera.admin.datasets.files.pending')}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={translate('tessera.admin.datasets.tabs.files')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('tessera.admin.datasets.files.name')}</TableCell>
          <TableCell>{translate('tessera.admin.datasets.files.format')}</TableCell>
          <TableCell align="right">{translate('tessera.admin.datasets.files.size')}</TableCell>
          <TableCell>{translate('tessera.admin.datasets.files.sha256')}</TableCell>
          <TableCell>{translate('tessera.admin.datasets.files.cid')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {record.files.map((file) => (
          <TableRow key={file.name}>
            <TableCell>{file.name}</TableCell>
            <TableCell>{file.format}</TableCell>
            <TableCell align="right" title={`${file.bytes} B`}>
              {formatBytes(file.bytes)}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }} title={file.sha256}>
              {file.sha256.slice(0, 12)}…
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{file.cid}</TableCell>
            <TableCell>
              <DownloadButton dataset={record} file={file} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
