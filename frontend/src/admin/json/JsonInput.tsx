import { TextField } from '@mui/material';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { FieldTitle, InputHelperText, useInput, useResourceContext, type ValidationErrorMessage } from 'react-admin';
import { jsonObject, jsonText, parseJsonText } from './jsonValue';

export interface JsonInputProps {
  source: string;
  label?: string;
  helperText?: string;
  minRows?: number;
}

const identity = (value: unknown) => value;

/**
 * A JSON object edited as text. The text is kept as typed (no reformatting under the cursor); the
 * form value is the parsed object, or an UnparsedJson that fails validation with the parser's message.
 */
export function JsonInput({ source, label, helperText, minRows = 8 }: JsonInputProps) {
  const resource = useResourceContext();
  const { id, field, fieldState, isRequired } = useInput({
    source,
    validate: jsonObject,
    format: identity,
    parse: identity,
    isRequired: true,
  });
  const [text, setText] = useState(() => jsonText(field.value));
  const emitted = useRef<unknown>(field.value);

  // A new value from outside (record loaded, form reset) replaces the text; our own edits do not.
  // Compared by content: the form hands values back as copies.
  useEffect(() => {
    if (jsonText(field.value) !== jsonText(emitted.current)) {
      emitted.current = field.value;
      setText(jsonText(field.value));
    }
  }, [field.value]);

  function onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void {
    setText(event.target.value);
    const value = parseJsonText(event.target.value);
    emitted.current = value;
    field.onChange(value);
  }

  const error = fieldState.error?.message as ValidationErrorMessage | undefined;
  return (
    <TextField
      id={id}
      name={field.name}
      value={text}
      onChange={onChange}
      onBlur={field.onBlur}
      inputRef={field.ref}
      label={<FieldTitle label={label} source={source} resource={resource} isRequired={isRequired} />}
      multiline
      minRows={minRows}
      fullWidth
      error={fieldState.invalid}
      helperText={<InputHelperText error={error} helperText={helperText} />}
      slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
      sx={{ my: 1 }}
    />
  );
}
