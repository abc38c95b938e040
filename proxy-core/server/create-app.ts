/**
 * The gateway's request listener: the AI routes' usual request goes straight to its handler
 * (ai-fast-path.ts); everything else, and any AI request out of the ordinary, goes through the
 * Express app: guards and auth in front, thin routes, one error renderer at the end.
 */
import type { RequestListener } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createAiFastPath } from './ai-fast-path.js';
import { AiRouteTable } from './ai-route-table.js';
import { detectClientProtocol } from './client-protocol.js';
import { createAdminAuth } from './middleware/admin-auth.js';
import { createAuth } from './middleware/auth.js';
import { createCorsGuard } from './middleware/cors-guard.js';
import { createCredentialFailureLimiter, isLoopbackAddress } from './middleware/credential-failure-limiter.js';
import { createErrorHandler } from './middleware/error-handler.js';
import { createHostGuard } from './middleware/host-guard.js';
import { createNotFound } from './middleware/not-found.js';
import { createJsonBodyParser } from './middleware/parse-json-body.js';
import { createBodyCapture } from './middleware/capture-bodies.js';
import { createRequestContext, type RequestContextOptions } from './middleware/request-context.js';
import { createServingGuard } from './middleware/serving-guard.js';
import type { GatewayContext } from './gateway-context.js';
import { RouteCatalog, type RouteEntry } from './route-catalog.js';
import { registerAdminAccountRoutes } from './routes/admin-account-routes.js';
import { registerAdminControlRoutes } from './routes/admin-control-routes.js';
import { registerAdminEventRoutes } from './routes/admin-event-routes.js';
import { registerAdminOwnerRoutes } from './routes/admin-owner-routes.js';
import { registerAdminMonitorRoutes } from './routes/admin-monitor-routes.js';
import { registerAnthropicRoutes } from './routes/anthropic-routes.js';
import { registerConsoleRoutes } from './routes/console-routes.js';
import { registerGeminiRoutes } from './routes/gemini-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';
import { registerOpenAIResponsesRoutes } from './routes/openai-responses-routes.js';
import { registerOpenAIRoutes } from './routes/openai-routes.js';
import { registerOpenAIImageRoutes } from './routes/openai-images-routes.js';
import { registerOpenAIAudioRoutes } from './routes/openai-audio-routes.js';

/** The gateway's request listener, which can also list the routes it answers (the admin API's tests walk them all). */
export type GatewayRequestListener = RequestListener & { routes(): readonly RouteEntry[] };

export function createApp(context: GatewayContext): GatewayRequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');

  const proxy = () => context.settings().proxy;
  const isLocalClient = context.isLocalClient ?? isLoopbackAddress;
  const credentialFailures = context.credentialFailures ?? createCredentialFailureLimiter({ now: context.now, isLocal: isLocalClient });
  const requestContext: RequestContextOptions = {
    logger: context.logger,
    now: context.now,
    ...(context.onRequestComplete ? { onComplete: context.onRequestComplete } : {}),
    ...(context.internalCallToken === undefined ? {} : { internalCallToken: context.internalCallToken }),
  };
  app.use(createRequestContext(requestContext));
  const monitorSettings = () => context.settings().monitor;
  app.use(createBodyCapture({ settings: () => ({ enabled: proxy().enable_logging && monitorSettings().capture_bodies, maxBytes: monitorSettings().max_body_kb * 1024 }) }));
  app.use(createHostGuard({ allowedHosts: () => proxy().allowed_hosts }));
  app.use(createCorsGuard({ allowedOrigins: () => proxy().cors_origins }));
  const parseJsonBody = createJsonBodyParser({ maxBodyBytes: () => proxy().max_body_mb * 1024 * 1024 });
  const catalog = new RouteCatalog();
  // The web console's page is public (the admin API behind it is not) and stays up while stopped.
  registerConsoleRoutes(app);

  // The admin API comes before the AI routes' auth: its own check applies whatever auth_mode says,
  // and an unknown /api/admin path ends here, never falling through to the AI routes.
  const adminRouter = express.Router();
  if (context.admin !== undefined) {
    registerAdminAccountRoutes(adminRouter, catalog, context.admin);
    registerAdminControlRoutes(adminRouter, catalog, {
      control: context.admin.control,
      settings: proxy,
      failures: credentialFailures,
      ...(context.admin.adminToken === undefined ? {} : { adminToken: context.admin.adminToken }),
    });
  }
  if (context.admin?.setOwnerSetting !== undefined) {
    registerAdminOwnerRoutes(adminRouter, catalog, {
      setSetting: context.admin.setOwnerSetting,
      isLocalClient,
      ...(context.admin.adminToken === undefined ? {} : { adminToken: context.admin.adminToken }),
    });
  }
  if (context.monitor !== undefined) registerAdminMonitorRoutes(adminRouter, catalog, { monitor: context.monitor, now: context.now });
  if (context.events !== undefined) registerAdminEventRoutes(adminRouter, catalog, { events: context.events });
  // One check per request decides whether the admin chain runs at all: AI requests skip its
  // router (and its per-route matching) entirely.
  const adminChain = express.Router();
  const adminToken = context.admin?.adminToken;
  adminChain.use(
    createAdminAuth({ settings: proxy, failures: credentialFailures, ...(adminToken === undefined ? {} : { adminToken }) }),
    parseJsonBody,
    adminRouter,
    createNotFound(catalog),
  );
  app.use(onAdminPaths(adminChain));

  app.use(createAuth({ settings: proxy, failures: credentialFailures, keys: context.apiKeys }));
  // Metrics also while the AI routes are stopped: a scraper should see a stopped gateway, not a 503.
  const metricsRouter = express.Router();
  if (context.monitor !== undefined) registerMetricsRoutes(metricsRouter, catalog, { render: context.monitor.renderMetrics });
  app.use(metricsRouter);
  if (context.serving !== undefined) app.use(createServingGuard({ serving: context.serving }));
  app.use(parseJsonBody);

  const router = express.Router();
  const aiRoutes = new AiRouteTable(router, catalog);
  registerHealthRoutes(router, catalog, context);
  registerOpenAIRoutes(router, catalog, context, aiRoutes);
  registerOpenAIImageRoutes(router, catalog, context, aiRoutes);
  registerOpenAIAudioRoutes(router, catalog, context);
  registerAnthropicRoutes(router, catalog, context, aiRoutes);
  registerOpenAIResponsesRoutes(aiRoutes, context);
  registerGeminiRoutes(router, catalog, context, aiRoutes);
  app.use(router);

  app.use(createNotFound(catalog));
  app.use(createErrorHandler({ logger: context.logger }));

  const fastPath = createAiFastPath({
    routes: aiRoutes,
    requestContext,
    settings: context.settings,
    credentialFailures,
    ...(context.apiKeys === undefined ? {} : { apiKeys: context.apiKeys }),
    ...(context.serving === undefined ? {} : { serving: context.serving }),
    logger: context.logger,
  });
  const listener: RequestListener = (request, response) => {
    if (!fastPath(request, response)) app(request, response);
  };
  return Object.assign(listener, { routes: () => catalog.list() });
}

/** Runs `handler` for the admin API's paths only (the same test that picks its error shape). */
function onAdminPaths(handler: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (detectClientProtocol(request.path) === 'admin') return handler(request, response, next);
    next();
  };
}
