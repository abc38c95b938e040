import { describe, expect, it } from 'vitest';
import type { Logger } from '../logging/logger.js';
import type { RequestState } from '../monitor/completed-request.js';
import { recordConversionWarnings } from './record-conversion-warnings.js';

function recordingLogger() {
  const lines: Array<{ level: string; message: string; fields: unknown }> = [];
  const at = (level: string) => (message: string, fields?: unknown) => lines.push({ level, message, fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

describe('recordConversionWarnings', () => {
  it('keeps the warnings, code and message, with the request, and logs each with the request id and code', () => {
    const { logger, lines } = recordingLogger();
    const state: RequestState = { requestId: 'req_1', startedAt: 0, protocol: 'openai', attempts: [] };
    recordConversionWarnings(logger, state, 'chat.completions', [{ code: 'web_search_dropped', message: 'web search dropped' }]);
    recordConversionWarnings(logger, state, 'chat.completions', [{ code: 'field_ignored', message: 'parallel_tool_calls=false ignored' }]);
    expect(state.warnings).toEqual([
      { code: 'web_search_dropped', message: 'web search dropped' },
      { code: 'field_ignored', message: 'parallel_tool_calls=false ignored' },
    ]);
    expect(lines).toEqual([
      { level: 'debug', message: 'chat.completions: web search dropped', fields: { request_id: 'req_1', code: 'web_search_dropped' } },
      { level: 'debug', message: 'chat.completions: parallel_tool_calls=false ignored', fields: { request_id: 'req_1', code: 'field_ignored' } },
    ]);
  });

  it('leaves a request without warnings as it was', () => {
    const { logger, lines } = recordingLogger();
    const state: RequestState = { requestId: 'req_2', startedAt: 0, protocol: 'anthropic', attempts: [] };
    recordConversionWarnings(logger, state, 'messages', []);
    expect(state.warnings).toBeUndefined();
    expect(lines).toEqual([]);
  });
});
