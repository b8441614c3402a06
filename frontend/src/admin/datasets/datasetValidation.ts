/** The build form's values: `POST /api/datasets`'s body as the form holds it. */
export interface BuildDatasetValues {
  projectId?: number | null;
  name?: string;
  description?: string;
  license?: string;
  intendedUse?: string;
  filters?: { minConfidence?: number | null; reviewedOnly?: boolean; includeGold?: boolean; from?: string | null; to?: string | null };
  splits?: { train?: number | null; validation?: number | null; test?: number | null };
  seed?: number | null;
}

export const DEFAULT_SPLITS = { train: 0.8, validation: 0.1, test: 0.1 } as const;

/** Fractions must add up to one; this much rounding is forgiven (three decimals typed by hand). */
const SUM_TOLERANCE = 1e-6;

type Errors = Record<string, unknown>;

function setError(errors: Errors, path: string[], message: string): void {
  let node = errors;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Errors;
  node[path[path.length - 1]!] = message;
}

/** Mirrors the server's checks so the form says what is wrong before sending; the server decides in the end. */
export function validateBuildDataset(values: BuildDatasetValues): Errors {
  const errors: Errors = {};
  if (values.projectId === undefined || values.projectId === null) setError(errors, ['projectId'], 'ra.validation.required');
  if (!values.name?.trim()) setError(errors, ['name'], 'ra.validation.required');
  if (!values.license?.trim()) setError(errors, ['license'], 'ra.validation.required');
  const minConfidence = values.filters?.minConfidence;
  if (minConfidence !== undefined && minConfidence !== null && (minConfidence < 0 || minConfidence > 1)) {
    setError(errors, ['filters', 'minConfidence'], 'tessera.admin.datasets.validation.fraction');
  }
  const { from, to } = values.filters ?? {};
  if (from && to && new Date(from).getTime() > new Date(to).getTime()) {
    setError(errors, ['filters', 'to'], 'tessera.admin.datasets.validation.toBeforeFrom');
  }
  const splits = values.splits;
  if (splits) {
    const parts = (['train', 'validation', 'test'] as const).map((name) => [name, splits[name]] as const);
    let sum = 0;
    for (const [name, value] of parts) {
      if (value === undefined || value === null) setError(errors, ['splits', name], 'ra.validation.required');
      else if (value < 0 || value > 1) setError(errors, ['splits', name], 'tessera.admin.datasets.validation.fraction');
      else sum += value;
    }
    if (!errors.splits && Math.abs(sum - 1) > SUM_TOLERANCE) {
      setError(errors, ['splits', 'test'], 'tessera.admin.datasets.validation.splitsSum');
    }
  }
  if (
    values.seed !== undefined &&
    values.seed !== null &&
    (!Number.isInteger(values.seed) || values.seed < 0 || values.seed > 2_147_483_647)
  ) {
    setError(errors, ['seed'], 'tessera.admin.datasets.validation.seed');
  }
  return errors;
}

/** The request body: empty optional fields left out, so the server applies its defaults. */
export function buildDatasetBody(values: BuildDatasetValues): Record<string, unknown> {
  const filters: Record<string, unknown> = {};
  const f = values.filters ?? {};
  if (f.minConfidence !== undefined && f.minConfidence !== null) filters.minConfidence = f.minConfidence;
  if (f.reviewedOnly) filters.reviewedOnly = true;
  if (f.includeGold) filters.includeGold = true;
  if (f.from) filters.from = new Date(f.from).toISOString();
  if (f.to) filters.to = new Date(f.to).toISOString();
  const body: Record<string, unknown> = {
    projectId: values.projectId,
    name: values.name?.trim(),
    license: values.license?.trim(),
    filters,
  };
  if (values.description?.trim()) body.description = values.description.trim();
  if (values.intendedUse?.trim()) body.intendedUse = values.intendedUse.trim();
  if (values.splits) body.splits = values.splits;
  if (values.seed !== undefined && values.seed !== null) body.seed = values.seed;
  return body;
}
