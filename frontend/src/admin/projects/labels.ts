import type { ValidationErrorMessage } from 'react-admin';
import type { ProjectType } from '../types';

/** The label list rules of the schema builder, mirroring the API's (projects/domain/label-schema.ts). */

export const MAX_LABELS = 200;
export const MAX_LABEL_LENGTH = 100;

/** Why `label` cannot join `existing`, or undefined when it can. */
export function labelProblem(label: string, existing: readonly string[]): ValidationErrorMessage | undefined {
  if (label === '') return 'tessera.admin.labels.errors.blank';
  if (label.trim() !== label) return 'tessera.admin.labels.errors.spaces';
  if (label.length > MAX_LABEL_LENGTH) return { message: 'tessera.admin.labels.errors.tooLong', args: { max: MAX_LABEL_LENGTH } };
  if (existing.includes(label)) return { message: 'tessera.admin.labels.errors.duplicate', args: { label } };
  if (existing.length >= MAX_LABELS) return { message: 'tessera.admin.labels.errors.tooMany', args: { max: MAX_LABELS } };
  return undefined;
}

/** The whole list against the project type: only free-text projects may have none. */
export function labelsProblem(type: ProjectType | undefined, labels: readonly string[]): ValidationErrorMessage | undefined {
  if (type !== undefined && type !== 'text' && labels.length === 0) {
    return { message: 'tessera.admin.labels.errors.required', args: { type } };
  }
  if (labels.length > MAX_LABELS) return { message: 'tessera.admin.labels.errors.tooMany', args: { max: MAX_LABELS } };
  for (const [index, label] of labels.entries()) {
    const problem = labelProblem(label, labels.slice(0, index));
    if (problem) return problem;
  }
  return undefined;
}

/** Typing "cat " adds "cat": surrounding spaces are a slip, not part of the label. */
export function addLabel(labels: readonly string[], typed: string): { labels: string[] } | { error: ValidationErrorMessage } {
  const label = typed.trim();
  const problem = labelProblem(label, labels);
  return problem ? { error: problem } : { labels: [...labels, label] };
}

export function removeLabel(labels: readonly string[], index: number): string[] {
  return labels.filter((_, i) => i !== index);
}

/** Moves the label at `index` by `delta` places; a move past either end leaves the list as it is. */
export function moveLabel(labels: readonly string[], index: number, delta: -1 | 1): string[] {
  const target = index + delta;
  if (index < 0 || index >= labels.length || target < 0 || target >= labels.length) return [...labels];
  const moved = [...labels];
  [moved[index], moved[target]] = [moved[target]!, moved[index]!];
  return moved;
}
