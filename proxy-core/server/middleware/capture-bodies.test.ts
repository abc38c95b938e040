import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import type { RequestState } from '../../monitor/completed-request.js';
import { attachRequestState } from '../request-state.js';
import { createBodyCapture, startBodyCapture } from './capture-bodies.js';

/** A response whose own write/end record what reached them (and on which object). */
function fakeResponse() {
  const written: Array<{ self: unknown; args: unknown[] }> = [];
  const response = {
    write(...args: unknown[]) {
      written.push({ self: this, args });
      return true;
    },
    end(...args: unknown[]) {
      written.push({ self: this, args });
      return this;
    },
  };
  return { response: response as unknown as ServerResponse, written };
}

const newState = (protocol: RequestState['protocol'] = 'openai'): RequestState => ({ requestId: 'req_1', startedAt: 0, protocol, attempts: [] });
const requestWith = (headers: IncomingHttpHeaders) => ({ headers }) as IncomingMessage;
const on = { enabled: true, maxBytes: 16 };
const kept = (state: RequestState) => Buffer.concat(state.capture?.responseChunks ?? []).toString('utf8');

describe('startBodyCapture', () => {
  it('keeps and wraps nothing while capture is off, or for the admin API', () => {
    for (const [settings, protocol] of [
      [{ enabled: false, maxBytes: 16 }, 'openai'],
      [on, 'admin'],
    ] as const) {
      const { response } = fakeResponse();
      const { write, end } = response;
      const state = newState(protocol);
      const readBody = vi.fn();
      startBodyCapture(requestWith({ authorization: 'Bearer sk-secret' }), response, state, settings, readBody);
      expect(state.capture).toBeUndefined();
      expect(response.write).toBe(write);
      expect(response.end).toBe(end);
      response.end('{}');
      expect(readBody).not.toHaveBeenCalled();
    }
  });

  it('keeps the headers with credentials masked, and the body as the route saw it once the response starts', () => {
    const { response } = fakeResponse();
    const state = newState();
    const route: { body?: unknown } = {};
    const readBody = vi.fn(() => route.body);
    startBodyCapture(requestWith({ authorization: 'Bearer sk-secret', 'content-type': 'application/json' }), response, state, on, readBody);
    expect(state.capture).toMatchObject({ requestHeaders: { authorization: '[redacted]', 'content-type': 'application/json' }, responseChunks: [], responseBytes: 0 });
    expect(state.capture).not.toHaveProperty('requestBody');
    expect(readBody).not.toHaveBeenCalled();
    // The route parses the body after the capture started.
    route.body = { model: 'gemini-2.5-pro' };
    response.write('data: 1\n\n');
    response.write('data: 2\n\n');
    response.end();
    expect(readBody).toHaveBeenCalledTimes(1);
    expect(state.capture?.requestBody).toEqual({ model: 'gemini-2.5-pro' });
  });

  it('keeps an undefined body as undefined (taken, not missing)', () => {
    const { response } = fakeResponse();
    const state = newState();
    startBodyCapture(requestWith({}), response, state, on, () => undefined);
    response.end();
    expect(state.capture).toHaveProperty('requestBody', undefined);
    expect(state.capture?.responseChunks).toEqual([]);
  });

  it("copies what the response writes, strings in their encoding, typed arrays as their own bytes, and still sends it", () => {
    const { response, written } = fakeResponse();
    const state = newState();
    startBodyCapture(requestWith({}), response, state, { enabled: true, maxBytes: 1024 }, () => undefined);
    const callback = () => {};
    expect(response.write('héllo ', callback)).toBe(true);
    expect(response.write('776f726c6420', 'hex')).toBe(true);
    const backing = new Uint8Array([0x78, 0x21, 0x21, 0x79]);
    response.write(new Uint8Array(backing.buffer, 1, 2));
    expect(response.end(Buffer.from('.'))).toBe(response);
    expect(kept(state)).toBe('héllo world !!.');
    expect(state.capture?.responseBytes).toBe(Buffer.byteLength('héllo world !!.'));
    // Every call reached the real write/end, on the response, with its arguments unchanged.
    expect(written.map((call) => call.self)).toEqual([response, response, response, response]);
    expect(written[0]?.args).toEqual(['héllo ', callback]);
    expect(written[1]?.args).toEqual(['776f726c6420', 'hex']);
  });

  it('is not changed when the writer reuses its buffer after write() returns', () => {
    const { response } = fakeResponse();
    const state = newState();
    startBodyCapture(requestWith({}), response, state, { enabled: true, maxBytes: 1024 }, () => undefined);
    const reused = Buffer.from('first');
    response.write(reused);
    reused.write('XXXXX');
    response.end();
    expect(kept(state)).toBe('first');
  });

  it('keeps the first max bytes plus a 512-byte margin for redaction, counting all bytes', () => {
    const { response } = fakeResponse();
    const state = newState();
    startBodyCapture(requestWith({}), response, state, on, () => undefined);
    expect(state.capture?.limitBytes).toBe(16 + 512);
    response.write('a'.repeat(500));
    response.write('b'.repeat(100));
    response.write('c'.repeat(10));
    response.end('d'.repeat(5));
    expect(kept(state)).toBe(`${'a'.repeat(500)}${'b'.repeat(28)}`);
    // Nothing (not even an empty piece) once the room is used up.
    expect(state.capture?.responseChunks.map((chunk) => chunk.length)).toEqual([500, 28]);
    expect(state.capture?.responseBytes).toBe(615);
  });
});

describe('createBodyCapture', () => {
  it("takes the parsed request body and reads the settings for every request", () => {
    let settings = { enabled: false, maxBytes: 16 };
    const capture = createBodyCapture({ settings: () => settings });
    const next = vi.fn();

    const first = fakeResponse();
    const firstState = newState();
    attachRequestState(first.response, firstState);
    capture({ headers: {}, body: { a: 1 } } as Request, first.response as Response, next);
    expect(firstState.capture).toBeUndefined();

    settings = { enabled: true, maxBytes: 16 };
    const second = fakeResponse();
    const secondState = newState();
    attachRequestState(second.response, secondState);
    capture({ headers: {}, body: { b: 2 } } as Request, second.response as Response, next);
    second.response.end('ok');
    expect(secondState.capture).toMatchObject({ requestBody: { b: 2 }, limitBytes: 528 });
    expect(kept(secondState)).toBe('ok');

    // A response without a request record (not started by the request context) goes on uncaptured.
    const third = fakeResponse();
    capture({ headers: {}, body: {} } as Request, third.response as Response, next);
    expect(next).toHaveBeenCalledTimes(3);
    expect(next.mock.calls.every((call) => call.length === 0)).toBe(true);
  });
});
