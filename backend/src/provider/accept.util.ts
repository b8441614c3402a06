/**
 * Whether a request's Accept header prefers an HTML page to JSON (RFC 9110 §12.5.1): a browser
 * (`text/html,...,*\/*;q=0.8`) does, ocean.js and curl (`*\/*`, `application/json`) do not. Only an
 * explicit text/html counts: a wildcard alone means "anything", and the node root is JSON.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  let html = 0;
  let json = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    if (!Number.isFinite(weight)) continue;
    const media = type.trim();
    if (media === 'text/html' || media === 'application/xhtml+xml') html = Math.max(html, weight);
    else if (media === 'application/json' || media === 'application/*' || media === '*/*') json = Math.max(json, weight);
  }
  return html > 0 && html >= json;
}
