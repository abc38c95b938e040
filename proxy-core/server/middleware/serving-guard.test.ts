import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { checkServing, createServingGuard, stoppedMessage } from './serving-guard.js';

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

describe('createServingGuard', () => {
  it('reads whether the gateway serves for every request', () => {
    let serving = false;
    const guard = createServingGuard({ serving: () => serving });
    const next = vi.fn();
    guard({ path: '/v1/messages' } as Request, {} as Response, next);
    expect(next).toHaveBeenLastCalledWith(expect.objectContaining({ status: 503, code: 'gateway_stopped' }));
    guard({ path: '/healthz' } as Request, {} as Response, next);
    expect(next).toHaveBeenLastCalledWith(undefined);
    serving = true;
    guard({ path: '/v1/messages' } as Request, {} as Response, next);
    expect(next).toHaveBeenLastCalledWith(undefined);
    expect(next).toHaveBeenCalledTimes(3);
  });
});
