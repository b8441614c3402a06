import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider, SelectInput, SimpleForm } from 'react-admin';
import { describe, expect, it, vi } from 'vitest';
import { i18nProvider } from '../i18n/i18nProvider';
import { projectTypeChoices } from './choices';
import { LabelsEditor } from './LabelsEditor';
import { validateProjectForm } from './projectValidation';

function renderEditor(record: object, onSubmit = vi.fn()) {
  render(
    <AdminContext i18nProvider={i18nProvider}>
      <ResourceContextProvider value="projects">
        <SimpleForm record={record} onSubmit={onSubmit} validate={(values) => validateProjectForm(values)}>
          <SelectInput source="type" choices={projectTypeChoices} />
          <LabelsEditor source="labels" />
        </SimpleForm>
      </ResourceContextProvider>
    </AdminContext>,
  );
  return onSubmit;
}

function typeLabel(text: string) {
  const input = screen.getByLabelText('New label');
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

/** Saving a pristine form: react-admin keeps its Save button disabled until something changes. */
function submit() {
  fireEvent.submit(document.querySelector('form')!);
}

function shownLabels(): string[] {
  return within(screen.getByRole('group'))
    .queryAllByRole('listitem')
    .map((item) => item.textContent?.replace(/^\d · /, '') ?? '');
}

describe('LabelsEditor', () => {
  it('adds labels with Enter, refuses duplicates, removes and reorders', async () => {
    const onSubmit = renderEditor({ type: 'classification', labels: [] });
    expect(screen.getByText('No labels yet.')).toBeTruthy();

    typeLabel('cat');
    typeLabel(' dog ');
    expect(shownLabels()).toEqual(['cat', 'dog']);

    typeLabel('cat');
    expect(await screen.findByText('Label “cat” is already in the list')).toBeTruthy();
    expect(shownLabels()).toEqual(['cat', 'dog']);

    fireEvent.click(screen.getByRole('button', { name: 'Move “dog” earlier' }));
    expect(shownLabels()).toEqual(['dog', 'cat']);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Move “dog” earlier' }).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Remove label “dog”' }));
    expect(shownLabels()).toEqual(['cat']);
    // Enter added labels; it never submitted the form.
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('blocks saving a classification project without labels, and saves the list in order', async () => {
    const onSubmit = renderEditor({ type: 'classification', labels: [], name: 'n', overlap: 1, rewardPerLabel: '1' });
    submit();
    expect(await screen.findByText('A classification project needs at least one label')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    typeLabel('yes');
    typeLabel('no');
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ labels: ['yes', 'no'] });
  });

  it('lets a free-text project go without labels', async () => {
    const onSubmit = renderEditor({ type: 'text', labels: [], name: 'n', overlap: 1, rewardPerLabel: '0' });
    expect(screen.getByText('Free-text projects need no labels.')).toBeTruthy();
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
  });
});
