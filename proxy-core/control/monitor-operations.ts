/** The request log and usage statistics (monitor/), as the UI reads and clears them. */
import type { Gateway } from './gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { formatRequestLogCsvFileName } from '../monitor/encode-request-logs-csv.js';
import type { ControlHandlers } from './control-handlers.js';
import { maxCsvExportChars } from './control-operations.js';

type MonitorGateway = Pick<Gateway, 'monitor'>;

type MonitorHandlers = Pick<ControlHandlers, 'queryLogs' | 'getLog' | 'clearLogs' | 'getUsage' | 'exportLogsCsv'>;

export function createMonitorOperations(gateway: MonitorGateway, options: { now: () => number; maxCsvChars?: number }): MonitorHandlers {
  const { monitor } = gateway;
  const maxCsvChars = options.maxCsvChars ?? maxCsvExportChars;

  return {
    async queryLogs(query) {
      return monitor.queryLogs(query);
    },

    async getLog({ id }) {
      const item = monitor.getLog(id);
      if (item === undefined) throw new GatewayError('not_found', `No request ${id} in the log.`, { code: 'log_not_found', param: 'id' });
      return { item };
    },

    async clearLogs() {
      return monitor.clearLogs();
    },

    async getUsage(query) {
      return monitor.usage(query);
    },

    async exportLogsCsv(filter) {
      const chunks: string[] = [];
      let length = 0;
      let truncated = false;
      // Chunks are the header, then whole pages of rows: stopping between two keeps every row whole.
      for (const chunk of monitor.exportCsv(filter)) {
        if (chunks.length > 0 && length + chunk.length > maxCsvChars) {
          truncated = true;
          break;
        }
        chunks.push(chunk);
        length += chunk.length;
      }
      return { csv: chunks.join(''), file_name: formatRequestLogCsvFileName(options.now()), truncated };
    },
  };
}
