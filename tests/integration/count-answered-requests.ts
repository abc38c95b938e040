/**
 * How many AI requests the gateway's monitor has recorded (the sum of `skyport_requests_total`).
 * The monitor counts a request in the same call that queues its log row, whether logging is on or
 * off, so a test that asserts "nothing was logged" first polls this until its request is counted,
 * then flushes the log writer, and only then looks: no fixed sleep, no race with the response end.
 */
import type { Gateway } from '../../proxy-core/control/gateway.js';

export function countAnsweredRequests(gateway: Pick<Gateway, 'monitor'>): number {
  let total = 0;
  for (const line of gateway.monitor.renderMetrics().split('\n')) {
    if (line.startsWith('skyport_requests_total{') || line.startsWith('skyport_requests_total ')) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}
