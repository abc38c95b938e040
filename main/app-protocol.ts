/**
 * The renderer's files under `app://skyport/` instead of file:// (Electron security checklist:
 * prefer a custom protocol): the page gets an origin of its own, only files inside the renderer
 * build can be read, and every answer carries the Content-Security-Policy header.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { appHost, appScheme, contentSecurityPolicy } from './window-policy.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Before `app.whenReady()`: the scheme behaves like https (standard, secure), nothing more. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true } }]);
}

export function createRendererFileHandler(rendererDirectory: string, read: (path: string) => Promise<Buffer> = (path) => readFile(path)) {
  const root = resolve(rendererDirectory);
  const headers = (type: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const plain = (status: number, text: string) => new Response(text, { status, headers: headers('text/plain; charset=utf-8') });

  return async function serveRendererFile(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.host !== appHost || request.method !== 'GET') return plain(404, 'Not found');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'Bad path');
    }
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    // `..`, encoded or not, must never leave the build directory.
    if (!file.startsWith(`${root}${sep}`) || pathname.includes('\0')) return plain(404, 'Not found');
    try {
      const body = await read(file);
      return new Response(new Uint8Array(body), { status: 200, headers: headers(contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      throw error;
    }
  };
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDirectory: string): void {
  protocol.handle(appScheme, createRendererFileHandler(rendererDirectory));
}
