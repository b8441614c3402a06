import { describe, expect, it } from 'vitest';
import { jsonObject, jsonText, parseJsonText, UnparsedJson } from './jsonValue';

describe('JSON inputs', () => {
  it('parses typed text, keeping what does not parse', () => {
    expect(parseJsonText('{"a": 1}')).toEqual({ a: 1 });
    expect(parseJsonText('  ')).toBeNull();
    const broken = parseJsonText('{"a": ');
    expect(broken).toBeInstanceOf(UnparsedJson);
    expect(jsonText(broken)).toBe('{"a": ');
    expect(jsonText({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('accepts JSON objects only', () => {
    expect(jsonObject({ text: 'hi' })).toBeUndefined();
    expect(jsonObject(null)).toBe('ra.validation.required');
    expect(jsonObject([1])).toBe('tessera.admin.json.notObject');
    expect(jsonObject('text')).toBe('tessera.admin.json.notObject');
    expect(jsonObject(parseJsonText('{'))).toMatchObject({ message: 'tessera.admin.json.invalid' });
  });
});
