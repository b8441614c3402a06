/**
 * An annotation removed by a delete (of itself, its item or its project): what the ledger needs to
 * reverse whatever it earned, in the same transaction.
 */
export interface RemovedAnnotation {
  annotationId: number;
  projectId: number;
}
