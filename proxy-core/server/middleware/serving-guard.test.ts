import { describe, expect, it } from 'vitest';
import { checkServing, stoppedMessage } from './serving-guard.js';

describe('checkServing', () => {
  it('answers the AI routes 503 gateway_stopped while stopped, saying how to start again', () => {
    for (const path of ['/v1/chat/completions', '/v1/messages', '/v1beta/models/gemini-2.5-pro:generateContent', '/v1/models', '/consoles', '/healthz/x']) {
      expect(checkServing(path, false), path).toMatchObject({ kind: 'overloaded', status: 503, code: 'gateway_stopped', message: stoppedMessage });
    }
    expect(stoppedMessage).toBe('Skyport is stopped; start it from the app or the console');
  });

  it('keeps health checks and the web console open while stopped', () => {
    for (const path of ['/', '/health', '/healthz', '/console', '/console/', '/console/assets/index.js']) {
      expect(checkServing(path, false), path).toBeUndefined();
    }
  });

  it('lets everything through while serving', () => {
    expect(checkServing('/v1/chat/completions', true)).toBeUndefined();
  });
});
