/** How long the annotator waited from pressing Submit to seeing the next item; the browser benchmark reads these. */
declare global {
  interface Window {
    __tesseraTimings?: number[];
  }
}

const KEEP = 1000;

export function recordSubmitToNext(ms: number): void {
  const value = Math.round(ms * 10) / 10;
  document.body.dataset['lastSubmitToNextMs'] = String(value);
  const timings = (window.__tesseraTimings ??= []);
  timings.push(value);
  if (timings.length > KEEP) timings.splice(0, timings.length - KEEP);
}
