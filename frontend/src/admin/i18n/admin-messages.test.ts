import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectStatusChoices, projectTypeChoices } from '../projects/choices';
import { itemStatusChoices } from '../items/choices';
import { roleChoices } from '../users/roles';
import { i18nProvider, messages } from './i18nProvider';

const ADMIN_DIR = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function lookup(key: string): unknown {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

describe('the console catalogue', () => {
  it('has every tessera.admin.* and resources.* key the console uses', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(ADMIN_DIR)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/['"`]((?:tessera\.admin|resources)\.[A-Za-z0-9_.]+)['"`]/g)) {
        const key = match[1]!;
        // A prefix (e.g. `tessera.admin.choices.role`) names a group of keys.
        if (lookup(key) === undefined) missing.push(`${key} (${file.slice(ADMIN_DIR.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names every choice', () => {
    for (const choice of [...projectTypeChoices, ...projectStatusChoices, ...itemStatusChoices, ...roleChoices]) {
      expect(typeof lookup(choice.name)).toBe('string');
    }
  });

  it('keeps react-admin and the annotator app messages next to the console ones', () => {
    expect(i18nProvider.translate('ra.action.save')).toBe('Save');
    expect(i18nProvider.translate('tessera.signIn.button')).toBe('Sign in with wallet');
    expect(i18nProvider.translate('resources.projects.name', { smart_count: 2 })).toBe('Projects');
    expect(i18nProvider.translate('tessera.admin.import.selected', { smart_count: 2, size: '3 KB' })).toBe('2 files, 3 KB');
  });
});
