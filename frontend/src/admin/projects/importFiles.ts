/** What the import accepts: the API reads JSON arrays, JSONL, CSV and images. */
export const IMPORT_ACCEPT = '.json,.jsonl,.ndjson,.csv,image/*';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Adds newly picked files, leaving out ones already chosen (same name, size and date). */
export function mergeFiles(chosen: readonly File[], picked: readonly File[]): File[] {
  const key = (file: File) => `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
  const seen = new Set(chosen.map(key));
  return [...chosen, ...picked.filter((file) => !seen.has(key(file)))];
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
