import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AdminContext, ResourceContextProvider, SimpleForm } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { i18nProvider } from '../i18n/i18nProvider';
import { JsonInput } from './JsonInput';

function renderInput(record: object) {
  const onSubmit = vi.fn();
  render(
    <AdminContext i18nProvider={i18nProvider}>
      <ResourceContextProvider value="items">
        <SimpleForm record={record} onSubmit={onSubmit}>
          <JsonInput source="data" />
        </SimpleForm>
      </ResourceContextProvider>
    </AdminContext>,
  );
  return { onSubmit, textarea: screen.getByRole<HTMLTextAreaElement>('textbox', { name: /Data/ }) };
}

describe('JsonInput', () => {
  it('shows the record as JSON, keeps the text as typed and submits the parsed object', async () => {
    const { onSubmit, textarea } = renderInput({ id: 1, data: { text: 'hi' } });
    expect(textarea.value).toBe('{\n  "text": "hi"\n}');
    fireEvent.change(textarea, { target: { value: '{"text":"bye"}' } });
    expect(textarea.value).toBe('{"text":"bye"}');
    fireEvent.submit(document.querySelector('form')!);
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ data: { text: 'bye' } });
  });

  it('refuses text that is not a JSON object, saying why', async () => {
    const { onSubmit, textarea } = renderInput({ id: 1, data: { text: 'hi' } });
    fireEvent.change(textarea, { target: { value: '{"text": ' } });
    fireEvent.submit(document.querySelector('form')!);
    expect(await screen.findByText(/^Not valid JSON: /)).toBeTruthy();
    fireEvent.change(textarea, { target: { value: '[1, 2]' } });
    expect(await screen.findByText('Must be a JSON object, such as {"key": "value"}')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
