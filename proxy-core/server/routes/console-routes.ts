/**
 * The web console: the renderer build (`out/renderer`, made by `npm run build:renderer`) served at
 * `/console/`. The page itself is public, like any login page; everything it does goes through the
 * admin API, which asks for the admin credential. It is registered before the AI routes' auth and
 * their serving guard, so it answers while the gateway is stopped.
 *
 * index.html goes out with the same Content-Security-Policy its meta tag declares (plus
 * `frame-ancestors`, which only a header can carry) and is never cached, so a rebuilt console is
 * picked up at once; the hashed files under `assets/` are cached for good.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { findPackageRoot } from '../../util/find-package-root.js';
import { consolePath } from '../../util/is-console-path.js';

export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `out/renderer` of this checkout, wherever this module was bundled to. */
export function resolveDefaultConsoleDirectory(): string {
  const root = findPackageRoot()?.directory ?? fileURLToPath(new URL('../../..', import.meta.url));
  return join(root, 'out', 'renderer');
}

export interface ConsoleRoutesOptions {
  /** The renderer build; default: `out/renderer` of the repository. */
  directory?: string;
}

function setCommonHeaders(response: Response): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Skyport console not built</title></head>
<body><h1>The web console is not built</h1>
<p>Run <code>npm run build:renderer</code> (or start the gateway with <code>npm run serve</code>, which builds it when needed), then reload.</p>
<p>The gateway and its API work without it.</p></body></html>
`;

export function registerConsoleRoutes(app: express.Express | Router, options: ConsoleRoutesOptions = {}): void {
  const directory = options.directory ?? resolveDefaultConsoleDirectory();
  const router = express.Router({ strict: true, caseSensitive: true });

  // `/console` -> `/console/`: the build's relative URLs (./assets/…) need the trailing slash.
  router.get(consolePath, (request: Request, response: Response) => {
    const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
    response.redirect(301, `${consolePath}/${query}`);
  });

  const sendIndex = async (_request: Request, response: Response) => {
    setCommonHeaders(response);
    response.setHeader('Cache-Control', 'no-cache');
    let html: string;
    try {
      html = await readFile(join(directory, 'index.html'), 'utf8');
    } catch {
      response.status(503).type('html').send(notBuiltPage);
      return;
    }
    response.setHeader('Content-Security-Policy', consoleContentSecurityPolicy);
    response.status(200).type('html').send(html);
  };
  router.get(`${consolePath}/`, sendIndex);
  router.get(`${consolePath}/index.html`, sendIndex);

  const notFound = (response: Response) => {
    setCommonHeaders(response);
    response.status(404).type('text/plain').send('Not found. The web console is at /console/.\n');
  };

  // The build's other files. Not express.static under a mount: that rewrites request.url, and the
  // access log and request log would see `/assets/…` instead of the path the browser asked for.
  router.get(`${consolePath}/*file`, (request: Request, response: Response, next: NextFunction) => {
    const segments = (request.params as { file?: string[] }).file ?? [];
    const hashed = segments[0] === 'assets';
    setCommonHeaders(response);
    response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    // `root` confines the path to the build (a `..` is refused); dotfiles are not served.
    response.sendFile(segments.join('/'), { root: directory, dotfiles: 'deny', cacheControl: false, lastModified: true }, (error?: Error & { status?: number; statusCode?: number }) => {
      if (error === undefined) return;
      if (response.headersSent) {
        next(error);
        return;
      }
      const status = error.status ?? error.statusCode ?? 500;
      if (status === 404 || status === 403) notFound(response);
      else next(error);
    });
  });

  // Anything else under /console/ is not part of the build (the console routes by #hash).
  router.use(`${consolePath}/`, (_request: Request, response: Response) => notFound(response));

  app.use(router);
}
