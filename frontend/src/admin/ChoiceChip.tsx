import { Chip, type ChipProps } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

export interface ChoiceChipProps extends FieldProps {
  /** Translation key prefix of the values, e.g. `tessera.admin.choices.projectStatus`. */
  translationPrefix: string;
  colors?: Partial<Record<string, ChipProps['color']>>;
}

/** An enumeration value as a small translated chip (project type and status, item status). */
export function ChoiceChip({ source, translationPrefix, colors }: ChoiceChipProps) {
  const translate = useTranslate();
  const value: unknown = useFieldValue({ source: source ?? '' });
  if (typeof value !== 'string') return null;
  return <Chip size="small" label={translate(`${translationPrefix}.${value}`, { _: value })} color={colors?.[value] ?? 'default'} />;
}

/** `{id, name}` choices whose names are translation keys (SelectInput translates them). */
export function choicesOf(values: readonly string[], translationPrefix: string): Array<{ id: string; name: string }> {
  return values.map((id) => ({ id, name: `${translationPrefix}.${id}` }));
}
