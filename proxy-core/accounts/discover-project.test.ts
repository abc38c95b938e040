import { describe, expect, it } from 'vitest';
import { discoverProject } from './discover-project.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { CloudCodeApi, LoadCodeAssistResponse } from '../upstream/cloud-code-api.js';

const context = { accessToken: 'ya29.test' };

interface FakeApi extends CloudCodeApi {
  onboardCalls: { tierId: string; project: string | undefined }[];
  loadCalls: number;
}

function fakeApi(loads: LoadCodeAssistResponse[], onboarded?: string): FakeApi {
  const api: FakeApi = {
    onboardCalls: [],
    loadCalls: 0,
    loadCodeAssist: async (callContext) => {
      expect(callContext).toBe(context);
      const response = loads[Math.min(api.loadCalls, loads.length - 1)];
      api.loadCalls += 1;
      return response ?? {};
    },
    onboardUser: async (_callContext, tierId, project) => {
      api.onboardCalls.push({ tierId, project });
      return onboarded;
    },
    streamGenerateContent: () => Promise.reject(new Error('not used')),
    countTokens: () => Promise.reject(new Error('not used')),
    fetchAvailableModels: () => Promise.reject(new Error('not used')),
  };
  return api;
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe('discoverProject', () => {
  it('reads the project of an onboarded account, the paid tier winning', async () => {
    const api = fakeApi([
      { currentTier: { id: 'standard-tier' }, paidTier: { id: 'g1-pro-tier' }, cloudaicompanionProject: 'some-project-123' },
    ]);
    await expect(discoverProject(api, context)).resolves.toEqual({ projectId: 'some-project-123', tier: 'g1-pro-tier' });
    expect(api.onboardCalls).toEqual([]);
  });

  it('accepts the project as an {id} object and falls back to the current tier', async () => {
    const api = fakeApi([{ currentTier: { id: 'free-tier' }, cloudaicompanionProject: { id: 'proj-obj' } }]);
    await expect(discoverProject(api, context)).resolves.toEqual({ projectId: 'proj-obj', tier: 'free-tier' });
  });

  it('onboards a new account to the default tier without naming a project on the free tier', async () => {
    const api = fakeApi(
      [{ allowedTiers: [{ id: 'standard-tier' }, { id: 'free-tier', isDefault: true }], cloudaicompanionProject: 'ignored-for-free' }],
      'onboarded-project',
    );
    await expect(discoverProject(api, context)).resolves.toEqual({ projectId: 'onboarded-project', tier: 'free-tier' });
    expect(api.onboardCalls).toEqual([{ tierId: 'free-tier', project: undefined }]);
  });

  it('onboards to free-tier when no tier is marked default', async () => {
    const api = fakeApi([{}], 'p-1');
    await expect(discoverProject(api, context)).resolves.toEqual({ projectId: 'p-1', tier: 'free-tier' });
    expect(api.onboardCalls).toEqual([{ tierId: 'free-tier', project: undefined }]);
  });

  it('passes the known project when onboarding to a tier that is not free', async () => {
    const api = fakeApi(
      [{ allowedTiers: [{ id: 'standard-tier', isDefault: true }], cloudaicompanionProject: 'user-project' }],
      undefined,
    );
    await expect(discoverProject(api, context)).resolves.toEqual({ projectId: 'user-project', tier: 'standard-tier' });
    expect(api.onboardCalls).toEqual([{ tierId: 'standard-tier', project: 'user-project' }]);
  });

  it('re-reads loadCodeAssist when onboarding names no project', async () => {
    const api = fakeApi([{}, { currentTier: { id: 'free-tier' }, cloudaicompanionProject: 'created-later' }], undefined);
    await expect(discoverProject(api, context)).resolves.toEqual({ projectId: 'created-later', tier: 'free-tier' });
    expect(api.loadCalls).toBe(2);
  });

  it('reports an account without a project, with no fallback id', async () => {
    const api = fakeApi([{ currentTier: { id: 'standard-tier' } }]);
    const error = await rejection(discoverProject(api, context));
    expect(error.kind).toBe('permission');
    expect(error.message).toBe('This Google account has no Cloud Code project; sign in to Gemini Code Assist once, then retry');
  });

  it('reports an account that stays without a project after onboarding', async () => {
    const api = fakeApi([{}], undefined);
    const error = await rejection(discoverProject(api, context));
    expect(error.kind).toBe('permission');
    expect(error.message).toMatch(/^This Google account has no Cloud Code project/);
  });

  it('names the verification page when Google requires validation', async () => {
    const api = fakeApi([
      {
        currentTier: { id: 'free-tier' },
        ineligibleTiers: [
          {
            reasonCode: 'VALIDATION_REQUIRED',
            reasonMessage: 'Verify your account to continue.',
            tierId: 'free-tier',
            validationUrl: 'https://accounts.google.com/signin/continue?x=1',
          },
        ],
      },
    ]);
    const error = await rejection(discoverProject(api, context));
    expect(error.kind).toBe('permission');
    expect(error.code).toBe('validation_required');
    expect(error.message).toContain('verified');
    expect(error.message).toContain('https://accounts.google.com/signin/continue?x=1');
  });

  it('lets upstream errors through unchanged', async () => {
    const failure = new GatewayError('rate_limit', 'slow down');
    const api = fakeApi([{}]);
    api.loadCodeAssist = () => Promise.reject(failure);
    await expect(discoverProject(api, context)).rejects.toBe(failure);
  });
});
