/**
 * The request log and usage part of the admin API (`/api/admin/logs…`, `/api/admin/usage`,
 * behind admin-auth). Thin: parsing and queries live in monitor/, shared with the ControlApi.
 */
import type { Router } from 'express';
import { GatewayError } from '../../errors/gateway-error.js';
import type { RequestMonitor } from '../../monitor/create-request-monitor.js';
import { formatRequestLogCsvFileName } from '../../monitor/encode-request-logs-csv.js';
import type { RouteCatalog } from '../route-catalog.js';
import { waitForDrain } from '../wait-for-drain.js';

export interface AdminMonitorRoutesDependencies {
  monitor: RequestMonitor;
  now: () => number;
}

const base = '/api/admin/logs';

export function registerAdminMonitorRoutes(router: Router, catalog: RouteCatalog, deps: AdminMonitorRoutesDependencies): void {
  const { monitor } = deps;

  router.get(base, (request, response) => {
    response.json(monitor.queryLogs(request.query));
  });
  catalog.add('GET', base);

  router.delete(base, (_request, response) => {
    response.json(monitor.clearLogs());
  });
  catalog.add('DELETE', base);

  // Before `/:id`, which would take "export" for an id.
  router.get(`${base}/export`, async (request, response) => {
    const { format = 'csv', ...filter } = request.query;
    if (format !== 'csv') throw new GatewayError('invalid_request', 'Only format=csv is supported.', { param: 'format' });
    const chunks = monitor.exportCsv(filter);
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${formatRequestLogCsvFileName(deps.now())}"`);
    response.setHeader('Cache-Control', 'no-store');
    try {
      for (const chunk of chunks) {
        if (response.destroyed) return;
        if (!response.write(chunk)) await waitForDrain(response);
      }
    } catch (error) {
      // Half a file must not pass for a whole one: cut the connection instead of ending it.
      if (response.headersSent) {
        response.destroy(error instanceof Error ? error : undefined);
        return;
      }
      throw error;
    }
    response.end();
  });
  catalog.add('GET', `${base}/export`);

  router.get(`${base}/:id`, (request, response) => {
    const id = String(request.params.id);
    const item = monitor.getLog(id);
    if (item === undefined) throw new GatewayError('not_found', `No request ${id} in the log.`, { code: 'log_not_found', param: 'id' });
    response.json({ item });
  });
  catalog.add('GET', `${base}/:id`);

  router.get('/api/admin/usage', (request, response) => {
    response.json(monitor.usage(request.query));
  });
  catalog.add('GET', '/api/admin/usage');
}

