import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleContentSecurityPolicy, registerConsoleRoutes } from './console-routes.js';

let directory: string;
let server: Server;
let origin: string;

/** GET with the path sent exactly as written (fetch would normalize `..` away). */
function rawStatus(path: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', reject);
  });
}

async function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
}

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'skyport-console-'));
  await writeFile(join(parent, 'secret.txt'), 'secret');
  directory = join(parent, 'build');
  await mkdir(join(directory, 'assets'), { recursive: true });
  await writeFile(join(directory, '.env'), 'SECRET=1');
  await writeFile(join(directory, 'index.html'), '<!doctype html><title>Skyport</title><script type="module" src="./assets/index-abc.js"></script>');
  await writeFile(join(directory, 'assets', 'index-abc.js'), 'console.log(1);');
  await writeFile(join(directory, 'icon.png'), 'png');
  const app = express();
  registerConsoleRoutes(app, { directory });
  const missing = express();
  registerConsoleRoutes(missing, { directory: join(directory, 'missing') });
  app.use('/unbuilt', missing);
  app.use((_request, response) => void response.status(418).send('fell through'));
  server = await listen(app);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dirname(directory), { recursive: true, force: true });
});

describe('console routes', () => {
  it('redirects /console to /console/, keeping the query', async () => {
    const response = await fetch(`${origin}/console?lang=ko`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/console/?lang=ko');
  });

  it('serves index.html uncached, with the CSP header and no framing', async () => {
    const response = await fetch(`${origin}/console/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(consoleContentSecurityPolicy);
    expect(consoleContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(consoleContentSecurityPolicy).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Skyport</title>');
  });

  it('caches hashed assets for good and other files not at all', async () => {
    const asset = await fetch(`${origin}/console/assets/index-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const icon = await fetch(`${origin}/console/icon.png`);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for anything else under /console/ and leaves other paths alone', async () => {
    expect((await fetch(`${origin}/console/nope.js`)).status).toBe(404);
    // Nothing outside the build, however the path is spelled; no dotfiles.
    for (const path of ['/console/assets/..%2f..%2fsecret.txt', '/console/%2e%2e/secret.txt', '/console/assets/../../secret.txt', '/console/.env']) {
      expect(await rawStatus(path), path).toBe(404);
    }
    expect((await fetch(`${origin}/v1/models`)).status).toBe(418);
    expect((await fetch(`${origin}/consoles`)).status).toBe(418);
  });

  it('explains how to build the console when the build is missing', async () => {
    const response = await fetch(`${origin}/unbuilt/console/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:renderer');
  });
});
