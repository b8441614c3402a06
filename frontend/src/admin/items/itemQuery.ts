/** Items have no text search: a number finds the item by id, anything else by its external id. */
export function itemFilterToQuery(text: string): Record<string, unknown> {
  const typed = text.trim();
  if (typed === '') return {};
  return /^\d{1,10}$/.test(typed) ? { id: Number(typed) } : { externalId: typed };
}
