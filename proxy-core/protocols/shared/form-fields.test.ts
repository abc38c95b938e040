import { describe, expect, it } from 'vitest';
import { formFiles, mediaTypeOf, textFieldsOf, type FormFile } from './form-fields.js';

const file = (name: string, type = ''): FormFile => ({ name, type, data: Buffer.from('x') });

describe('textFieldsOf', () => {
  it('keeps the last text value, turns the numeric and boolean fields that read as such, and skips files', () => {
    const types = { numbers: ['n', 'temperature'], booleans: ['stream'] };
    expect(textFieldsOf({ prompt: ['a', 'b'], n: ['2'], temperature: ['0.5'], size: ['12'], stream: ['false'], image: [file('a.png')] }, types)).toEqual({
      prompt: 'b',
      n: 2,
      temperature: 0.5,
      size: '12',
      stream: false,
    });
    expect(textFieldsOf({ n: ['two'], stream: ['yes'] }, types)).toEqual({ n: 'two', stream: 'yes' });
  });
});

describe('mediaTypeOf', () => {
  it('takes the declared type, else the one the name implies', () => {
    expect(mediaTypeOf(file('a.bin', 'Image/PNG; charset=binary'))).toBe('image/png');
    expect(mediaTypeOf(file('voice.MP3', 'application/octet-stream'))).toBe('audio/mpeg');
    expect(mediaTypeOf(file('voice.mpga'))).toBe('audio/mpeg');
    expect(mediaTypeOf(file('blob'))).toBeUndefined();
  });
});

describe('formFiles', () => {
  it('gathers the files under every name given, and refuses text where a file belongs', () => {
    expect(formFiles({ image: [file('a.png')], 'image[]': [file('b.png'), file('c.png')] }, ['image', 'image[]']).map((entry) => entry.name)).toEqual([
      'a.png',
      'b.png',
      'c.png',
    ]);
    expect(() => formFiles({ image: ['https://example.com/cat.png'] }, ['image'])).toThrow("Invalid 'image': must be a file upload, got text.");
  });
});
