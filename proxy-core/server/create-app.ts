/** The Express app: guards and auth in front, thin routes, one error renderer at the end. */
import express from 'express';
import { createAuth } from './middleware/auth.js';
import { createCorsGuard } from './middleware/cors-guard.js';
import { createErrorHandler } from './middleware/error-handler.js';
import { createHostGuard } from './middleware/host-guard.js';
import { createNotFound } from './middleware/not-found.js';
import { createJsonBodyParser } from './middleware/parse-json-body.js';
import { createRequestContext } from './middleware/request-context.js';
import type { GatewayContext } from './gateway-context.js';
import { RouteCatalog } from './route-catalog.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerOpenAIRoutes } from './routes/openai-routes.js';

export function createApp(context: GatewayContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  const proxy = () => context.settings().proxy;
  app.use(createRequestContext({ logger: context.logger, now: context.now }));
  app.use(createHostGuard({ allowedHosts: () => proxy().allowed_hosts }));
  app.use(createCorsGuard({ allowedOrigins: () => proxy().cors_origins }));
  app.use(createAuth({ settings: proxy }));
  app.use(createJsonBodyParser({ maxBodyBytes: () => proxy().max_body_mb * 1024 * 1024 }));

  const catalog = new RouteCatalog();
  const router = express.Router();
  registerHealthRoutes(router, catalog, context);
  registerOpenAIRoutes(router, catalog, context);
  app.use(router);

  app.use(createNotFound(catalog));
  app.use(createErrorHandler({ logger: context.logger }));
  return app;
}
