/**
 * An annotator's confusion matrix in a classification project: how often they answered each label
 * when the true answer (gold, else the inferred one) was each label. Pure.
 */

/** How many labels answered `label` on items whose true answer is `truth`. */
export interface ConfusionCount {
  truth: string;
  label: string;
  count: number;
}

export interface ConfusionMatrix {
  /** Row and column order: the project's labels, then any other answer seen (e.g. a label since removed). */
  labels: string[];
  /** `counts[row][column]`: rows are the true labels, columns the annotator's labels. */
  counts: number[][];
  total: number;
  /** The diagonal: answers equal to the true label. */
  correct: number;
}

export function confusionMatrix(schemaLabels: readonly string[], cells: readonly ConfusionCount[]): ConfusionMatrix {
  const known = new Set(schemaLabels);
  const extra = new Set<string>();
  for (const cell of cells) {
    if (!known.has(cell.truth)) extra.add(cell.truth);
    if (!known.has(cell.label)) extra.add(cell.label);
  }
  const labels = [...schemaLabels, ...[...extra].sort()];
  const index = new Map(labels.map((label, i) => [label, i]));
  const counts = labels.map(() => labels.map(() => 0));
  let total = 0;
  let correct = 0;
  for (const cell of cells) {
    counts[index.get(cell.truth)!]![index.get(cell.label)!]! += cell.count;
    total += cell.count;
    if (cell.truth === cell.label) correct += cell.count;
  }
  return { labels, counts, total, correct };
}
