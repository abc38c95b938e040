/**
 * Find (or create, by onboarding) the Cloud Code project an account's requests are billed to,
 * following Gemini CLI's `setupUser` (UPSTREAM-PROTOCOL.md §8, §9). There is deliberately no
 * fallback project id (ANCHOR-ANTIGRAVITY-MANAGER.md §8.5): an account without a project of its
 * own is reported to the user instead.
 */
import { GatewayError } from '../errors/gateway-error.js';
import type { CloudCodeApi, LoadCodeAssistResponse, UpstreamCallContext } from '../upstream/cloud-code-api.js';

const defaultOnboardTierId = 'free-tier';

export async function discoverProject(
  api: CloudCodeApi,
  context: UpstreamCallContext,
): Promise<{ projectId: string; tier?: string }> {
  const loaded = await api.loadCodeAssist(context);
  const loadedProject = readProjectId(loaded.cloudaicompanionProject);
  const currentTierId = loaded.currentTier?.id;

  if (loaded.currentTier) {
    if (loadedProject !== undefined) return withTier(loadedProject, loaded.paidTier?.id ?? currentTierId);
    throw noProjectError(loaded);
  }

  // Not onboarded yet: onboard to the default tier. The free tier must not name a project
  // ("Setting a project in the onboardUser request causes a Precondition Failed error", §9).
  const onboardTierId = loaded.allowedTiers?.find((tier) => tier.isDefault)?.id ?? defaultOnboardTierId;
  const onboardProject = onboardTierId === defaultOnboardTierId ? undefined : loadedProject;
  const onboardedProject = (await api.onboardUser(context, onboardTierId, onboardProject)) ?? loadedProject;
  const tier = loaded.paidTier?.id ?? onboardTierId;
  if (onboardedProject !== undefined && onboardedProject !== '') return withTier(onboardedProject, tier);

  // The operation finished without naming a project; it may still have created one (AGU re-reads).
  const reloaded = await api.loadCodeAssist(context);
  const reloadedProject = readProjectId(reloaded.cloudaicompanionProject);
  if (reloadedProject !== undefined) {
    return withTier(reloadedProject, reloaded.paidTier?.id ?? reloaded.currentTier?.id ?? tier);
  }
  throw noProjectError(reloaded);
}

function readProjectId(project: LoadCodeAssistResponse['cloudaicompanionProject']): string | undefined {
  const id = typeof project === 'string' ? project : project?.id;
  return id === undefined || id.trim() === '' ? undefined : id.trim();
}

function withTier(projectId: string, tier: string | undefined): { projectId: string; tier?: string } {
  return tier === undefined ? { projectId } : { projectId, tier };
}

function noProjectError(loaded: LoadCodeAssistResponse): GatewayError {
  const ineligible = loaded.ineligibleTiers ?? [];
  const validation = ineligible.find((tier) => tier.reasonCode === 'VALIDATION_REQUIRED');
  if (validation) {
    const where = validation.validationUrl ? `open ${validation.validationUrl}` : 'sign in to Gemini Code Assist';
    const reason = validation.reasonMessage ? ` (${validation.reasonMessage})` : '';
    return new GatewayError(
      'permission',
      `Google requires this account to be verified before it can use Cloud Code${reason}: ${where}, complete the verification, then retry`,
      { code: 'validation_required' },
    );
  }
  const reasons = ineligible.map((tier) => tier.reasonMessage).filter((message): message is string => !!message);
  const detail = reasons.length > 0 ? ` (Google says: ${reasons.join('; ')})` : '';
  return new GatewayError(
    'permission',
    `This Google account has no Cloud Code project; sign in to Gemini Code Assist once, then retry${detail}`,
    { code: 'no_project' },
  );
}
