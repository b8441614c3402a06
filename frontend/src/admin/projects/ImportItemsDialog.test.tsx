import { fireEvent, render, screen, within } from '@testing-library/react';
import { AdminContext, testDataProvider } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import type { ImportOptions } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import type { ImportResult } from '../types';
import { ImportItemsDialog } from './ImportItemsDialog';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ImportItemsDialog', () => {
  it('uploads the chosen files with a progress bar, then lists the rejected rows', async () => {
    const answer = deferred<ImportResult>();
    let progress: ImportOptions['onProgress'];
    const importItems = vi.fn((_id: unknown, _files: File[], options: ImportOptions) => {
      progress = options.onProgress;
      return answer.promise;
    });
    const dataProvider = { ...testDataProvider(), importItems };
    render(
      <AdminContext i18nProvider={i18nProvider} dataProvider={dataProvider}>
        <ImportItemsDialog project={{ id: 3, name: 'Cats' }} open onClose={() => undefined} />
      </AdminContext>,
    );
    expect(screen.getByRole('dialog', { name: 'Import items into “Cats”' })).toBeTruthy();
    const importButton = screen.getByRole<HTMLButtonElement>('button', { name: 'Import' });
    expect(importButton.disabled).toBe(true);

    const input = screen.getByTestId<HTMLInputElement>('import-file-input');
    expect(input.accept).toBe('.json,.jsonl,.ndjson,.csv,image/*');
    expect(input.multiple).toBe(true);
    const files = [new File(['[]'], 'items.json'), new File(['text\n'], 'more.csv')];
    fireEvent.change(input, { target: { files } });
    expect(screen.getByText('items.json')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove more.csv' }));
    expect(screen.queryByText('more.csv')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(importItems).toHaveBeenCalledWith(3, [files[0]], expect.objectContaining({ signal: expect.any(AbortSignal) as unknown }));
    progress?.(42);
    const bar = await screen.findByRole('progressbar', { name: 'Upload progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect(screen.getByText('Uploading… 42%')).toBeTruthy();
    progress?.(100);
    expect(await screen.findByText('Upload complete. The server is importing the records…')).toBeTruthy();

    answer.resolve({
      imported: 8,
      duplicates: 1,
      rejected: [{ line: 3, file: 'items.json', message: 'data must be an object' }],
      rejectedCount: 2,
      rejectedTruncated: true,
    });
    expect(await screen.findByText('Import finished')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Rejected records' });
    expect(within(table).getByText('data must be an object')).toBeTruthy();
    expect(within(table).getByText('3')).toBeTruthy();
    expect(screen.getByText('Only the first 1 of 2 rejected records are listed.')).toBeTruthy();
  });

  it('shows why an import failed', async () => {
    // react-admin logs data provider errors; this one is expected.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const importItems = vi.fn(() => Promise.reject(new Error('Request body is too large')));
    render(
      <AdminContext i18nProvider={i18nProvider} dataProvider={{ ...testDataProvider(), importItems }}>
        <ImportItemsDialog project={{ id: 3, name: 'Cats' }} open onClose={() => undefined} />
      </AdminContext>,
    );
    fireEvent.change(screen.getByTestId('import-file-input'), { target: { files: [new File(['x'], 'big.csv')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The import failed: Request body is too large');
  });
});
