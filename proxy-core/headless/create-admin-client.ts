/**
 * The CLI's way into a running gateway: the admin API over loopback with the data dir's admin
 * token, so a change made while `serve` runs is made by the gateway itself (in memory and on disk,
 * nothing overwritten later) and takes effect at once.
 */
import type { ControlInput, ControlOperationName, ControlOutput } from '../control/control-operations.js';
import type { OwnerSettingResult } from '../control/set-owner-setting.js';
import { GatewayError, statusByKind, type GatewayErrorKind } from '../errors/gateway-error.js';

export interface AdminClient {
  /** Where the gateway answers, e.g. http://127.0.0.1:8045. */
  readonly origin: string;
  call<Name extends ControlOperationName>(name: Name, input: ControlInput<Name>): Promise<ControlOutput<Name>>;
  /** `config set` (`value` given) or `config unset` (`value` undefined), owner-only. */
  setSetting(key: string, value: unknown): Promise<OwnerSettingResult>;
}

export interface AdminClientOptions {
  origin: string;
  adminToken: string;
  fetch?: typeof fetch;
}

function kindOfStatus(status: number): GatewayErrorKind {
  const match = (Object.entries(statusByKind) as Array<[GatewayErrorKind, number]>).find(([, candidate]) => candidate === status);
  return match?.[0] ?? (status >= 500 ? 'upstream' : 'invalid_request');
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const fetchImpl = options.fetch ?? fetch;
  const origin = options.origin.replace(/\/+$/, '');

  async function post(path: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(`${origin}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
      throw new GatewayError('upstream', `The running gateway at ${origin} did not answer (${cause}). If it was stopped, run the command again.`, {
        code: 'gateway_unreachable',
      });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new GatewayError('upstream', `The running gateway at ${origin} answered ${response.status} with something that is not JSON.`);
    }
    if (!response.ok) {
      const error = (json as { error?: { message?: unknown; code?: unknown; param?: unknown } }).error;
      const message = typeof error?.message === 'string' ? error.message : `The running gateway answered ${response.status}.`;
      throw new GatewayError(kindOfStatus(response.status), message, {
        ...(typeof error?.code === 'string' ? { code: error.code } : {}),
        ...(typeof error?.param === 'string' ? { param: error.param } : {}),
      });
    }
    return json;
  }

  return {
    origin,
    call: async (name, input) => (await post(`/api/admin/control/${name}`, input)) as ControlOutput<typeof name>,
    setSetting: async (key, value) => (await post('/api/admin/owner/settings', value === undefined ? { key, unset: true } : { key, value })) as OwnerSettingResult,
  };
}
