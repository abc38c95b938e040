import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRendererFileHandler } from './app-protocol.js';
import { contentSecurityPolicy } from './window-policy.js';

let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'skyport-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Skyport</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'do not serve');
  serve = createRendererFileHandler(root);
});

describe('app:// protocol', () => {
  it('serves the renderer build with the CSP header', async () => {
    const response = await serve(new Request('app://skyport/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).toMatch(/script-src 'self'/);
    expect(contentSecurityPolicy).not.toMatch(/unsafe/);
    expect(await response.text()).toContain('<title>Skyport</title>');
    const script = await serve(new Request('app://skyport/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves index.html for the root', async () => {
    expect((await serve(new Request('app://skyport/'))).status).toBe(200);
  });

  it('never serves a file outside the build, however the path is spelled', async () => {
    for (const url of ['app://skyport/../secret.txt', 'app://skyport/%2e%2e/secret.txt', 'app://skyport/assets/..%2f..%2fsecret.txt', 'app://skyport/%2e%2e%5csecret.txt']) {
      const response = await serve(new Request(url));
      expect(response.status, url).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('do not serve');
    }
  });

  it('answers 404 for a missing file or another host', async () => {
    expect((await serve(new Request('app://skyport/nope.js'))).status).toBe(404);
    expect((await serve(new Request('app://skyport/assets'))).status).toBe(404);
    expect((await serve(new Request('app://elsewhere/index.html'))).status).toBe(404);
  });
});
