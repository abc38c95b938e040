import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applyCorsPolicy, checkOrigin } from './cors-guard.js';

/** A request and a response that records what the policy set on it. */
function exchange(headers: IncomingHttpHeaders, method = 'POST') {
  const request = { method, headers } as IncomingMessage;
  const set: Record<string, string> = {};
  const response = {
    statusCode: 200,
    ended: false,
    setHeader(name: string, value: string) {
      set[name] = value;
      return this;
    },
    end() {
      this.ended = true;
      return this;
    },
  };
  return { request, response: response as unknown as ServerResponse & { ended: boolean }, set };
}

const exposed = 'X-Request-Id, X-Mapped-Model, X-Mapping-Rule, X-Account-Email, Retry-After';

describe('checkOrigin', () => {
  it('lets requests without an Origin (SDKs, curl) and from this server itself through', () => {
    expect(checkOrigin(exchange({ host: '127.0.0.1:8045' }).request, [])).toBeUndefined();
    expect(checkOrigin(exchange({ host: '127.0.0.1:8045', origin: 'http://127.0.0.1:8045' }).request, [])).toBeUndefined();
    // The URL parser lowers the origin's host; the Host header is lowered to match.
    expect(checkOrigin(exchange({ host: 'LocalHost:8045', origin: 'http://localhost:8045' }).request, [])).toBeUndefined();
  });

  it('refuses a foreign origin with 403 naming it and the setting that would allow it', () => {
    expect(checkOrigin(exchange({ host: '127.0.0.1:8045', origin: 'https://evil.example' }).request, [])).toMatchObject({
      kind: 'permission',
      status: 403,
      message: 'Origin https://evil.example is not allowed. Add it to proxy.cors_origins to call Skyport from that page.',
    });
    // Another port on this machine is another origin.
    expect(checkOrigin(exchange({ host: '127.0.0.1:8045', origin: 'http://127.0.0.1:3000' }).request, [])).toMatchObject({ status: 403 });
    // No Host to compare with, or an origin that is no URL (a sandboxed page's "null"): foreign.
    expect(checkOrigin(exchange({ origin: 'http://127.0.0.1:8045' }).request, [])).toMatchObject({ status: 403 });
    expect(checkOrigin(exchange({ host: '127.0.0.1:8045', origin: 'null' }).request, [])).toMatchObject({ status: 403 });
  });

  it('lets a listed origin through, written with or without its trailing slash, and no look-alike', () => {
    const listed = ['https://tools.example', 'https://app.example/'];
    const from = (origin: string) => checkOrigin(exchange({ host: '127.0.0.1:8045', origin }).request, listed);
    expect(from('https://tools.example')).toBeUndefined();
    expect(from('https://app.example')).toBeUndefined();
    expect(from('https://app.example.evil')).toMatchObject({ status: 403 });
    expect(from('http://app.example')).toMatchObject({ status: 403 });
    expect(from('https://tools.example/')).toMatchObject({ status: 403 });
  });
});

describe('applyCorsPolicy', () => {
  it('sets no CORS headers for a request without an Origin or from this server', () => {
    for (const headers of [{ host: '127.0.0.1:8045' }, { host: '127.0.0.1:8045', origin: 'http://127.0.0.1:8045' }]) {
      for (const method of ['POST', 'OPTIONS']) {
        const { request, response, set } = exchange(headers, method);
        expect(applyCorsPolicy(request, response, ['https://app.example'])).toBeUndefined();
        expect(set).toEqual({});
        expect(response.ended).toBe(false);
      }
    }
  });

  it('refuses a foreign origin without setting any header', () => {
    const { request, response, set } = exchange({ host: '127.0.0.1:8045', origin: 'https://evil.example' }, 'OPTIONS');
    expect(applyCorsPolicy(request, response, ['https://app.example'])).toMatchObject({ status: 403 });
    expect(set).toEqual({});
    expect(response.ended).toBe(false);
  });

  it("gives a listed origin's request the headers its page needs to read the answer", () => {
    const { request, response, set } = exchange({ host: '127.0.0.1:8045', origin: 'https://app.example' });
    expect(applyCorsPolicy(request, response, ['https://app.example'])).toBeUndefined();
    expect(set).toEqual({ 'Access-Control-Allow-Origin': 'https://app.example', Vary: 'Origin', 'Access-Control-Expose-Headers': exposed });
    expect(response.ended).toBe(false);
  });

  it("answers a listed origin's preflight itself: 204, the methods, the asked-for headers, cached ten minutes", () => {
    const asked = exchange({ host: '127.0.0.1:8045', origin: 'https://app.example', 'access-control-request-headers': 'x-custom, authorization' }, 'OPTIONS');
    expect(applyCorsPolicy(asked.request, asked.response, ['https://app.example'])).toBe('preflight');
    expect(asked.set).toEqual({
      'Access-Control-Allow-Origin': 'https://app.example',
      Vary: 'Origin',
      'Access-Control-Expose-Headers': exposed,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'x-custom, authorization',
      'Access-Control-Max-Age': '600',
    });
    expect(asked.response.statusCode).toBe(204);
    expect(asked.response.ended).toBe(true);

    const plain = exchange({ host: '127.0.0.1:8045', origin: 'https://app.example' }, 'OPTIONS');
    expect(applyCorsPolicy(plain.request, plain.response, ['https://app.example'])).toBe('preflight');
    expect(plain.set['Access-Control-Allow-Headers']).toBe('authorization, content-type, x-api-key, x-goog-api-key');
  });
});
