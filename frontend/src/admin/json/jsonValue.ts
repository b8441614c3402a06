import type { ValidationErrorMessage } from 'react-admin';

/** What a JSON input holds while its text does not parse: the form stays invalid until it does. */
export class UnparsedJson {
  constructor(
    readonly text: string,
    readonly error: string,
  ) {}
}

export function jsonText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof UnparsedJson) return value.text;
  return JSON.stringify(value, null, 2);
}

/** The text typed into a JSON input -> the form value: parsed JSON, null when empty, or UnparsedJson. */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return new UnparsedJson(text, error instanceof Error ? error.message : String(error));
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnparsedJson);
}

/** react-admin validator: the value must be a JSON object (item data, annotation results). */
export function jsonObject(value: unknown): ValidationErrorMessage | undefined {
  if (value === undefined || value === null) return 'ra.validation.required';
  if (value instanceof UnparsedJson) return { message: 'tessera.admin.json.invalid', args: { error: value.error } };
  if (!isPlainObject(value)) return 'tessera.admin.json.notObject';
  return undefined;
}
