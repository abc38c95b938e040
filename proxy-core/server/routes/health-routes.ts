/** Liveness for monitors and for Claude Code's `HEAD /` probe. */
import type { Router } from 'express';
import type { RouteCatalog } from '../route-catalog.js';
import type { GatewayContext } from '../gateway-context.js';

export function registerHealthRoutes(router: Router, catalog: RouteCatalog, context: GatewayContext): void {
  const health = { status: 'ok', version: context.version };
  for (const path of ['/healthz', '/health']) {
    router.get(path, (_request, response) => {
      response.json(health);
    });
    catalog.add('GET', path);
  }
  router.get('/', (_request, response) => {
    response.json({ ...health, name: 'Skyport', docs: 'Point OpenAI clients at /v1, Anthropic clients at the root, Gemini clients at /v1beta.' });
  });
  router.head('/', (_request, response) => {
    response.status(200).end();
  });
  catalog.add('GET', '/');
  catalog.add('HEAD', '/');
}
