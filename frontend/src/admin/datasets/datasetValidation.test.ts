import { describe, expect, it } from 'vitest';
import { buildDatasetBody, DEFAULT_SPLITS, validateBuildDataset } from './datasetValidation';

const valid = { projectId: 3, name: 'Sentiment v1', license: 'CC-BY-4.0', splits: { ...DEFAULT_SPLITS } };

describe('validateBuildDataset', () => {
  it('accepts a complete form', () => {
    expect(validateBuildDataset(valid)).toEqual({});
  });

  it('names the missing fields', () => {
    expect(validateBuildDataset({})).toEqual({
      projectId: 'ra.validation.required',
      name: 'ra.validation.required',
      license: 'ra.validation.required',
    });
  });

  it('refuses splits that do not add up to one, and forgives rounding', () => {
    expect(validateBuildDataset({ ...valid, splits: { train: 0.7, validation: 0.1, test: 0.1 } })).toEqual({
      splits: { test: 'tessera.admin.datasets.validation.splitsSum' },
    });
    expect(validateBuildDataset({ ...valid, splits: { train: 0.7, validation: 0.2, test: 0.1 } })).toEqual({});
  });

  it('refuses fractions outside 0..1, a reversed time window and a seed that is not a whole number', () => {
    expect(
      validateBuildDataset({
        ...valid,
        filters: { minConfidence: 1.5, from: '2026-12-02T00:00', to: '2026-12-01T00:00' },
        seed: 1.5,
      }),
    ).toEqual({
      filters: { minConfidence: 'tessera.admin.datasets.validation.fraction', to: 'tessera.admin.datasets.validation.toBeforeFrom' },
      seed: 'tessera.admin.datasets.validation.seed',
    });
  });
});

describe('buildDatasetBody', () => {
  it('leaves empty optional fields out so the server applies its defaults', () => {
    expect(buildDatasetBody({ projectId: 3, name: ' v1 ', license: 'MIT', description: ' ', filters: { minConfidence: null } })).toEqual({
      projectId: 3,
      name: 'v1',
      license: 'MIT',
      filters: {},
    });
  });

  it('sends the filters, splits and seed that were set, with times in ISO form', () => {
    const body = buildDatasetBody({
      ...valid,
      intendedUse: 'Training sentiment classifiers',
      filters: { minConfidence: 0.9, reviewedOnly: true, from: '2026-12-01T10:00:00.000Z' },
      seed: 42,
    });
    expect(body).toEqual({
      projectId: 3,
      name: 'Sentiment v1',
      license: 'CC-BY-4.0',
      intendedUse: 'Training sentiment classifiers',
      filters: { minConfidence: 0.9, reviewedOnly: true, from: '2026-12-01T10:00:00.000Z' },
      splits: DEFAULT_SPLITS,
      seed: 42,
    });
  });
});
