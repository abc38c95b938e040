import { describe, expect, it } from 'vitest';
import { convertToolResultText } from './convert-tool-result-text.js';

describe('convertToolResultText', () => {
  it('sends a JSON object result as the object itself, leading whitespace allowed', () => {
    expect(convertToolResultText('{"temperature": 21, "unit": "C"}')).toEqual({ temperature: 21, unit: 'C' });
    expect(convertToolResultText('\n  {"ok": true}\n')).toEqual({ ok: true });
    expect(convertToolResultText('{}')).toEqual({});
  });

  it('wraps anything else as { result: text }, unchanged', () => {
    expect(convertToolResultText('21 degrees')).toEqual({ result: '21 degrees' });
    expect(convertToolResultText('[1, 2]')).toEqual({ result: '[1, 2]' });
    expect(convertToolResultText('"quoted"')).toEqual({ result: '"quoted"' });
    expect(convertToolResultText('')).toEqual({ result: '' });
  });

  it('wraps text that only looks like JSON (a brace, then not JSON)', () => {
    expect(convertToolResultText('{not json}')).toEqual({ result: '{not json}' });
    expect(convertToolResultText('{"a": 1} and more')).toEqual({ result: '{"a": 1} and more' });
    expect(convertToolResultText('  {"a": ')).toEqual({ result: '  {"a": ' });
  });
});
