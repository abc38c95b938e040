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
import { createAiGuardChain, guardMiddleware, type AiGuardChain } from './middleware/ai-guard-chain.js';
import { createCredentialFailureLimiter, isLoopbackAddress } from './middleware/credential-failure-limiter.js';
import { createErrorHandler } from './middleware/error-handler.js';
import { createNotFound } from './middleware/not-found.js';
import { createBodyCapture } from './middleware/capture-bodies.js';
import { createRequestContext, type RequestContextOptions } from './middleware/request-context.js';
import type { GatewayContext } from './gateway-context.js';
import type { RouteEntry } from '../control/gateway.js';
import { RouteCatalog } from './route-catalog.js';
import { registerAdminAccountRoutes } from './routes/admin-account-routes.js';
import { registerAdminControlRoutes } from './routes/admin-control-routes.js';
import { registerAdminEventRoutes } from './routes/admin-event-routes.js';
import { registerAdminOwnerRoutes } from './routes/admin-owner-routes.js';
import { registerAdminMonitorRoutes } from './routes/admin-monitor-routes.js';
import { registerAnthropicTelemetryRoutes } from './routes/anthropic-telemetry-routes.js';
import { registerConsoleRoutes } from './routes/console-routes.js';
import { registerGeminiModelRoutes } from './routes/gemini-model-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerMetricsRoutes } from './routes/metrics-routes.js';
import { registerOpenAIModelRoutes } from './routes/openai-model-routes.js';
import { registerOpenAIImageRoutes } from './routes/openai-images-routes.js';
import { registerOpenAIAudioRoutes } from './routes/openai-audio-routes.js';
import { generationRoutes, registerGenerationRoutes } from './generation-routes.js';
import { createOpenAIResponsesAdapter } from '../protocols/openai/responses/openai-responses-adapter.js';
import { createResponseStore } from '../protocols/openai/responses/create-response-store.js';
import { createResponsesTurns } from './responses-websocket/create-responses-turns.js';

/**
 * The gateway's request listener, which can also list the routes it answers (the admin API's tests
 * walk them all) and hands out its guard chain (the Responses WebSocket's upgrade runs the same guards)
 * and the WebSocket's turns.
 */
export type GatewayRequestListener = RequestListener & {
  routes(): readonly RouteEntry[];
  guards: AiGuardChain;
  /** The turns of a Responses WebSocket (responses-websocket/create-responses-turns.ts). */
  responsesTurns: ReturnType<typeof createResponsesTurns>;
};

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
  };
  app.use(createRequestContext(requestContext));
  const monitorSettings = () => context.settings().monitor;
  const captureSettings = () => ({ enabled: proxy().enable_logging && monitorSettings().capture_bodies, maxBytes: monitorSettings().max_body_kb * 1024 });
  app.use(createBodyCapture({ settings: captureSettings }));
  // One chain of guards (middleware/ai-guard-chain.ts) for Express, the direct AI path and the
  // WebSocket upgrade; Express runs it group by group, with the routes that need fewer guards in between.
  const guards = createAiGuardChain({
    proxy,
    failures: credentialFailures,
    keys: context.apiKeys,
    serving: context.serving,
  });
  app.use(guardMiddleware(guards, 'site'));
  const { parseJsonBody } = guards;
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

  app.use(guardMiddleware(guards, 'caller'));
  // Metrics also while the AI routes are stopped: a scraper should see a stopped gateway, not a 503.
  const metricsRouter = express.Router();
  if (context.monitor !== undefined) registerMetricsRoutes(metricsRouter, catalog, { render: context.monitor.renderMetrics });
  app.use(metricsRouter);
  app.use(guardMiddleware(guards, 'aiRoutes'));
  app.use(parseJsonBody);

  const router = express.Router();
  const aiRoutes = new AiRouteTable(router, catalog);
  registerHealthRoutes(router, catalog, context);
  registerOpenAIModelRoutes(router, catalog, context, aiRoutes);
  // Responses chained with `previous_response_id` come from one bounded in-memory store per app.
  const responses = createOpenAIResponsesAdapter(createResponseStore({ now: context.now }));
  const answerClaudeCodeWarmup = () => context.settings().proxy.answer_claude_code_warmup;
  registerGenerationRoutes(aiRoutes, context, generationRoutes({ answerClaudeCodeWarmup, responses }));
  registerOpenAIImageRoutes(router, catalog, context, aiRoutes);
  registerOpenAIAudioRoutes(router, catalog, context);
  registerAnthropicTelemetryRoutes(router, catalog);
  registerGeminiModelRoutes(router, catalog, context);
  app.use(router);

  app.use(createNotFound(catalog));
  app.use(createErrorHandler({ logger: context.logger }));

  const fastPath = createAiFastPath({
    routes: aiRoutes,
    requestContext,
    settings: context.settings,
    guards,
    logger: context.logger,
  });
  const listener: RequestListener = (request, response) => {
    if (!fastPath(request, response)) app(request, response);
  };
  // A Responses WebSocket turn runs in-process, through the same adapter, store, guards and request record.
  const responsesTurns = createResponsesTurns({ context, adapter: responses, guards, requestContext, capture: captureSettings, logger: context.logger });
  return Object.assign(listener, { routes: () => catalog.list(), guards, responsesTurns });
}

/** Runs `handler` for the admin API's paths only (the same test that picks its error shape). */
function onAdminPaths(handler: RequestHandler): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (detectClientProtocol(request.path) === 'admin') return handler(request, response, next);
    next();
  };
}
