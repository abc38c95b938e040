/**
 * Log level and format from the environment (SKYPORT_LOG_LEVEL, SKYPORT_LOG_FORMAT). A value that
 * is set but unknown is refused: a typo in a service unit should stop the start with a message,
 * not quietly log at another level than the operator asked for.
 */
import { GatewayError } from '../errors/gateway-error.js';
import { logFormats, logLevels, type LogFormat, type LogLevel } from './logger.js';

export function resolveLogOptions(environment: Readonly<Record<string, string | undefined>>): { level: LogLevel; format: LogFormat } {
  return {
    level: pick('SKYPORT_LOG_LEVEL', environment.SKYPORT_LOG_LEVEL, logLevels, 'info'),
    format: pick('SKYPORT_LOG_FORMAT', environment.SKYPORT_LOG_FORMAT, logFormats, 'human'),
  };
}

function pick<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new GatewayError('invalid_request', `${name} must be one of ${allowed.join(', ')}, got "${raw}"`, { param: name });
}
