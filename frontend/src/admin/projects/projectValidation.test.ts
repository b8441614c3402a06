import { describe, expect, it } from 'vitest';
import { addLabel, labelsProblem, moveLabel, removeLabel } from './labels';
import { validateProjectForm, type ProjectFormValues } from './projectValidation';

const valid: ProjectFormValues = {
  name: 'Cats and dogs',
  type: 'classification',
  labels: ['cat', 'dog'],
  overlap: 3,
  leaseSeconds: 300,
  rewardPerLabel: '0.5',
  instructions: 'Pick the animal.',
  status: 'draft',
};

describe('validateProjectForm', () => {
  it('accepts a complete project', () => {
    expect(validateProjectForm(valid)).toEqual({});
  });

  it('needs labels for every type but free text', () => {
    for (const type of ['classification', 'multilabel', 'spans', 'boxes'] as const) {
      expect(validateProjectForm({ ...valid, type, labels: [] }).labels).toEqual({
        message: 'tessera.admin.labels.errors.required',
        args: { type },
      });
    }
    expect(validateProjectForm({ ...valid, type: 'text', labels: [] })).toEqual({});
  });

  it('refuses duplicate, blank and padded labels', () => {
    expect(validateProjectForm({ ...valid, labels: ['cat', 'cat'] }).labels).toEqual({
      message: 'tessera.admin.labels.errors.duplicate',
      args: { label: 'cat' },
    });
    expect(validateProjectForm({ ...valid, labels: ['cat', ''] }).labels).toBe('tessera.admin.labels.errors.blank');
    expect(validateProjectForm({ ...valid, labels: [' cat'] }).labels).toBe('tessera.admin.labels.errors.spaces');
    expect(validateProjectForm({ ...valid, labels: ['x'.repeat(101)] }).labels).toMatchObject({
      message: 'tessera.admin.labels.errors.tooLong',
    });
  });

  it('refuses reward strings the API would refuse', () => {
    for (const reward of ['abc', '-1', '1e3', '.5', '5.', '01', '1,5', ' 1', '0.1234567890123456789', '1234567890123456789']) {
      expect(validateProjectForm({ ...valid, rewardPerLabel: reward }).rewardPerLabel).toBe('tessera.admin.projects.validation.reward');
    }
    expect(validateProjectForm({ ...valid, rewardPerLabel: '' }).rewardPerLabel).toBe('tessera.admin.projects.validation.rewardRequired');
    expect(validateProjectForm({ ...valid, rewardPerLabel: null }).rewardPerLabel).toBe('tessera.admin.projects.validation.rewardRequired');
  });

  it('accepts decimal reward strings with up to 18 decimals', () => {
    for (const reward of ['0', '1', '0.5', '12.000001', '0.123456789012345678', '123456789012345678']) {
      expect(validateProjectForm({ ...valid, rewardPerLabel: reward }).rewardPerLabel).toBeUndefined();
    }
  });

  it('takes an empty reward budget as no limit, and checks a given one like the reward', () => {
    for (const budget of [null, undefined, '']) {
      expect(validateProjectForm({ ...valid, rewardBudget: budget }).rewardBudget).toBeUndefined();
    }
    for (const budget of ['0', '1000', '2500.75', '0.123456789012345678']) {
      expect(validateProjectForm({ ...valid, rewardBudget: budget }).rewardBudget).toBeUndefined();
    }
    for (const budget of ['abc', '-1', '1e3', '.5', '01', '1,000', ' 100', '0.1234567890123456789', '1234567890123456789']) {
      expect(validateProjectForm({ ...valid, rewardBudget: budget }).rewardBudget).toBe('tessera.admin.projects.validation.rewardBudget');
    }
  });

  it('needs an overlap from 1 to 50', () => {
    for (const overlap of [0, -1, 51, 1.5, null, undefined]) {
      expect(validateProjectForm({ ...valid, overlap }).overlap).toMatchObject({ message: 'tessera.admin.projects.validation.overlap' });
    }
    expect(validateProjectForm({ ...valid, overlap: 1 }).overlap).toBeUndefined();
    expect(validateProjectForm({ ...valid, overlap: 50 }).overlap).toBeUndefined();
  });

  it('takes an empty lease as the server default, refuses one under 10 seconds', () => {
    expect(validateProjectForm({ ...valid, leaseSeconds: null }).leaseSeconds).toBeUndefined();
    expect(validateProjectForm({ ...valid, leaseSeconds: 9 }).leaseSeconds).toMatchObject({
      message: 'tessera.admin.projects.validation.leaseSeconds',
    });
    expect(validateProjectForm({ ...valid, leaseSeconds: 10.5 }).leaseSeconds).toBeDefined();
  });

  it('takes empty quality settings as the server defaults and checks the ranges the API enforces', () => {
    const empty = validateProjectForm({ ...valid, maxOverlap: null, targetConfidence: null, goldRate: null, qualificationSize: null });
    expect(empty).toEqual({});
    const errors = validateProjectForm({
      ...valid,
      overlap: 3,
      maxOverlap: 2,
      targetConfidence: 0.4,
      goldRate: 0.6,
      qualificationSize: 2.5,
      qualificationMinAccuracy: 1.5,
    });
    expect(Object.keys(errors).sort()).toEqual([
      'goldRate',
      'maxOverlap',
      'qualificationMinAccuracy',
      'qualificationSize',
      'targetConfidence',
    ]);
    expect(
      validateProjectForm({
        ...valid,
        overlap: 3,
        maxOverlap: 5,
        targetConfidence: 1,
        goldRate: 0.5,
        qualificationSize: 0,
        qualificationMinAccuracy: 0,
      }),
    ).toEqual({});
  });

  it('needs a name and a type', () => {
    const errors = validateProjectForm({ ...valid, name: '   ', type: null });
    expect(errors.name).toBe('tessera.admin.projects.validation.nameRequired');
    expect(errors.type).toBe('tessera.admin.projects.validation.typeRequired');
    expect(validateProjectForm({ ...valid, name: 'x'.repeat(201) }).name).toMatchObject({
      message: 'tessera.admin.projects.validation.nameTooLong',
    });
  });
});

describe('label list operations', () => {
  it('adds a trimmed label, refusing duplicates and blanks', () => {
    expect(addLabel(['cat'], ' dog ')).toEqual({ labels: ['cat', 'dog'] });
    expect(addLabel(['cat'], 'cat')).toEqual({ error: { message: 'tessera.admin.labels.errors.duplicate', args: { label: 'cat' } } });
    expect(addLabel(['cat'], '   ')).toEqual({ error: 'tessera.admin.labels.errors.blank' });
  });

  it('refuses the 201st label', () => {
    const labels = Array.from({ length: 200 }, (_, i) => `l${i}`);
    expect(addLabel(labels, 'one more')).toEqual({ error: { message: 'tessera.admin.labels.errors.tooMany', args: { max: 200 } } });
  });

  it('removes and reorders', () => {
    expect(removeLabel(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
    expect(moveLabel(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveLabel(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveLabel(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveLabel(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('labelsProblem needs no labels until the type is known', () => {
    expect(labelsProblem(undefined, [])).toBeUndefined();
  });
});
