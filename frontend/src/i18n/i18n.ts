import { en } from './messages.en';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** A key of the message catalogue, e.g. `tessera.label.submit`. */
export type MessageKey = Leaves<typeof en>;

function lookup(key: string): string | undefined {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * Translates a key, filling %{name} placeholders. Unknown keys show themselves, never a crash. A
 * message with plural forms (`one |||| many`, Polyglot's notation, as the console's catalogue uses)
 * takes the form for `smart_count` by English rules.
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  let template = lookup(key) ?? key;
  const forms = template.split(' |||| ');
  if (forms.length > 1) template = (values['smart_count'] === 1 ? forms[0] : forms[1])!;
  return template.replace(/%\{(\w+)\}/g, (_, name: string) => (name in values ? String(values[name]) : `%{${name}}`));
}
