import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useState } from 'react';
import { Button, useCanAccess, useRecordContext } from 'react-admin';
import type { Project } from '../types';
import { ImportItemsDialog } from './ImportItemsDialog';

/** Shown to those allowed to import (admins); opens the import dialog for the current project. */
export function ImportItemsButton() {
  const record = useRecordContext<Project>();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'projects', action: 'import', record });
  if (!record || !canAccess) return null;
  return (
    <>
      <Button label="tessera.admin.import.button" onClick={() => setOpen(true)}>
        <UploadFileIcon />
      </Button>
      <ImportItemsDialog project={record} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
