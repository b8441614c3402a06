import { fireEvent, render, screen, within } from '@testing-library/react';
import { AdminContext, ResourceContextProvider } from 'react-admin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataProvider } from '../dataProvider';
import { i18nProvider } from '../i18n/i18nProvider';
import { signIn, stubFetch } from '../testing';
import { ProjectCreate } from './ProjectCreate';

async function chooseType(name: string) {
  fireEvent.mouseDown(await screen.findByRole('combobox', { name: 'Type' }));
  fireEvent.click(await screen.findByRole('option', { name }));
}

describe('project form: templates and the annotator preview', () => {
  beforeEach(() => {
    signIn(['admin']);
    stubFetch({});
    render(
      <AdminContext i18nProvider={i18nProvider} dataProvider={createDataProvider()}>
        <ResourceContextProvider value="projects">
          <ProjectCreate />
        </ResourceContextProvider>
      </AdminContext>,
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('fills the labels and instructions from a template of the chosen type, and previews them in the annotators’ widget', async () => {
    const preview = await screen.findByRole('region', { name: 'What annotators see' });
    await chooseType('Text spans');
    expect(within(preview).getByText('Add labels (or pick a template) to see the annotators’ view.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Named entities' }));
    for (const label of ['PER', 'ORG', 'LOC', 'MISC'])
      expect(within(preview).getByRole('button', { name: new RegExp(label) })).toBeTruthy();
    expect(within(preview).getByText(/Select each name in the text/)).toBeTruthy();
    expect(within(preview).getByText('Ada Lovelace met Charles Babbage in London in 1833.')).toBeTruthy();
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Instructions' }).value).toMatch(/^Select each name/);
  });

  it('keeps instructions already written, and follows a change of type', async () => {
    await chooseType('Classification');
    fireEvent.change(screen.getByRole('textbox', { name: 'Instructions' }), { target: { value: 'Our own words.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sentiment' }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Instructions' }).value).toBe('Our own words.');
    const preview = screen.getByRole('region', { name: 'What annotators see' });
    expect(
      within(preview)
        .getAllByRole('radio')
        .map((radio) => radio.closest('label')?.textContent),
    ).toEqual([expect.stringContaining('positive'), expect.stringContaining('negative'), expect.stringContaining('neutral')]);
    await chooseType('Bounding boxes');
    expect(screen.getByRole('button', { name: 'Objects' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sentiment' })).toBeNull();
  });
});
