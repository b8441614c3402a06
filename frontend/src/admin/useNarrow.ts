import { useMediaQuery, type Theme } from '@mui/material';

/** Phones and narrow tablets, where a list shows as react-admin's SimpleList: one block per row, no table wider than the screen. */
export function useNarrow(): boolean {
  return useMediaQuery<Theme>((theme) => theme.breakpoints.down('md'));
}
