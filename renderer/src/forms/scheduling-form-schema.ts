/**
 * Scheduling: how requests are spread over accounts, how long cache-first waits, how many attempts,
 * and whether Claude Code's "Warmup" probe is answered without using an account.
 */
import { z } from 'zod';
import type { ProxySettingsPatch, SchedulingMode, SettingsView, TierPreference } from '../store/view-types.js';

export const schedulingModeOptions = ['cache_first', 'balance', 'performance_first'] as const satisfies readonly SchedulingMode[];
export const tierPreferenceOptions = ['none', 'paid_first', 'free_first'] as const satisfies readonly TierPreference[];

export interface SchedulingFormValues {
  mode: SchedulingMode;
  prefer_tier: TierPreference;
  max_wait_s: string;
  max_attempts: string;
  answer_claude_code_warmup: boolean;
}

const wholeNumber = (min: number, max: number, message: string) =>
  z.string().trim().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));

export const schedulingFormSchema = z.object({
  mode: z.enum(schedulingModeOptions),
  prefer_tier: z.enum(tierPreferenceOptions),
  max_wait_s: wholeNumber(0, 3600, 'validation.maxWait'),
  max_attempts: wholeNumber(1, 10, 'validation.maxAttempts'),
  answer_claude_code_warmup: z.boolean(),
});

export type SchedulingFormField = keyof SchedulingFormValues;

export function toSchedulingFormValues(settings: SettingsView): SchedulingFormValues {
  return {
    mode: settings.proxy.scheduling.mode,
    prefer_tier: settings.proxy.scheduling.prefer_tier,
    max_wait_s: String(settings.proxy.scheduling.max_wait_s),
    max_attempts: String(settings.proxy.max_attempts),
    answer_claude_code_warmup: settings.proxy.answer_claude_code_warmup,
  };
}

export function buildSchedulingPatch(parsed: z.output<typeof schedulingFormSchema>, settings: SettingsView): ProxySettingsPatch {
  const patch: ProxySettingsPatch = {};
  const scheduling: NonNullable<ProxySettingsPatch['scheduling']> = {};
  if (parsed.mode !== settings.proxy.scheduling.mode) scheduling.mode = parsed.mode;
  if (parsed.max_wait_s !== settings.proxy.scheduling.max_wait_s) scheduling.max_wait_s = parsed.max_wait_s;
  if (parsed.prefer_tier !== settings.proxy.scheduling.prefer_tier) scheduling.prefer_tier = parsed.prefer_tier;
  if (Object.keys(scheduling).length > 0) patch.scheduling = scheduling;
  if (parsed.max_attempts !== settings.proxy.max_attempts) patch.max_attempts = parsed.max_attempts;
  if (parsed.answer_claude_code_warmup !== settings.proxy.answer_claude_code_warmup) patch.answer_claude_code_warmup = parsed.answer_claude_code_warmup;
  return patch;
}
