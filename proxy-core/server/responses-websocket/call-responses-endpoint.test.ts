import { describe, expect, it } from 'vitest';
import { takeSseData } from './call-responses-endpoint.js';

describe('takeSseData', () => {
  it('takes the data of complete events, either line ending, and keeps the rest', () => {
    expect(takeSseData('event: a\ndata: {"x":1}\n\nevent: b\r\ndata: {"y":2}\r\n\r\ndata: {"z"')).toEqual({ data: ['{"x":1}', '{"y":2}'], rest: 'data: {"z"' });
    expect(takeSseData(': comment\n\n')).toEqual({ data: [], rest: '' });
    expect(takeSseData('data:a\ndata: b\n\n')).toEqual({ data: ['a\nb'], rest: '' });
  });
});
