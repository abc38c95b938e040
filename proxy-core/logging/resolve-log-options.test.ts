import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors/gateway-error.js';
import { resolveLogOptions } from './resolve-log-options.js';

describe('resolveLogOptions', () => {
  it('defaults to info and human lines', () => {
    expect(resolveLogOptions({})).toEqual({ level: 'info', format: 'human' });
    expect(resolveLogOptions({ SKYPORT_LOG_LEVEL: '', SKYPORT_LOG_FORMAT: ' ' })).toEqual({ level: 'info', format: 'human' });
  });

  it('reads every level and format, in any case', () => {
    for (const level of ['error', 'warn', 'info', 'debug']) expect(resolveLogOptions({ SKYPORT_LOG_LEVEL: level.toUpperCase() }).level).toBe(level);
    expect(resolveLogOptions({ SKYPORT_LOG_FORMAT: 'json' }).format).toBe('json');
  });

  it('refuses an unknown level or format with a message naming the allowed values', () => {
    expect(() => resolveLogOptions({ SKYPORT_LOG_LEVEL: 'verbose' })).toThrow(GatewayError)
    expect(() => resolveLogOptions({ SKYPORT_LOG_LEVEL: 'verbose' })).toThrow('SKYPORT_LOG_LEVEL must be one of error, warn, info, debug, got "verbose"');
    expect(() => resolveLogOptions({ SKYPORT_LOG_FORMAT: 'pretty' })).toThrow(/SKYPORT_LOG_FORMAT must be one of human, json, got "pretty"/);
  });
});
