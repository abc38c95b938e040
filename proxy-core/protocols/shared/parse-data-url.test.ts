import { describe, expect, it } from 'vitest';
import { guessMimeType } from './guess-mime-type.js';
import { parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it('reads base64 data URLs, media type lower-cased, parameters ignored', () => {
    expect(parseDataUrl('data:image/PNG;base64,iVBORw0KGgo=')).toEqual({ mimeType: 'image/png', data: 'iVBORw0KGgo=' });
    expect(parseDataUrl('data:application/pdf;name=a.pdf;base64,JVBE\nRi0x')).toEqual({ mimeType: 'application/pdf', data: 'JVBERi0x' });
  });

  it('re-encodes URL-encoded payloads as base64 and defaults to text/plain', () => {
    expect(parseDataUrl('data:,Hello%2C%20World')).toEqual({ mimeType: 'text/plain', data: Buffer.from('Hello, World').toString('base64') });
  });

  it('refuses what is not a usable data URL', () => {
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
    expect(parseDataUrl('data:image/png;base64,')).toBeUndefined();
    expect(parseDataUrl('data:image/png;base64,not base64!')).toBeUndefined();
    expect(parseDataUrl('data:text/plain,%E0%A4%A')).toBeUndefined();
  });
});

describe('guessMimeType', () => {
  it.each([
    ['https://example.com/a/cat.PNG?size=2#x', 'image/png'],
    ['https://example.com/photo.jpeg', 'image/jpeg'],
    ['report.pdf', 'application/pdf'],
    ['https://example.com/render?id=1.png', undefined],
    ['https://example.com/file.xyz', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(guessMimeType(input)).toBe(expected);
  });
});
