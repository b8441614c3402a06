/**
 * A table's `sx` that, on a phone, shows each row as a block of "header: value" lines (the header
 * from each cell's `data-label`), so no column is cut off.
 */
export const stackOnPhones = {
  [`@media (max-width: 600px)`]: {
    // The headers stay for screen readers, hidden inside the table (positioned from the page, they would widen it).
    position: 'relative',
    '& thead': { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
    '& tr': { display: 'block', py: 1, borderBottom: 1, borderColor: 'divider' },
    '& th, & td': { display: 'flex', flexDirection: 'row', justifyContent: 'space-between', gap: 2, border: 'none', py: 0.25, px: 0 },
    '& td::before': { content: 'attr(data-label)', color: 'text.secondary' },
    '& td:not([data-label])': { fontWeight: 500 },
    '& td:not([data-label])::before': { display: 'none' },
    '& td:empty': { display: 'none' },
    '& td > .MuiBox-root': { flex: 1, maxWidth: 220 },
  },
} as const;
