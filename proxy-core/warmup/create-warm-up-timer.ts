/**
 * Runs warm-ups by themselves (`accounts.warmup`): every day at a local time of day, or just after
 * a model's quota resets (`on_reset`: a reset time that has passed and was not warmed for yet).
 * One check a minute; the setting is read at each check, so a change takes effect within a minute.
 * Clock and timers come in from outside, so tests drive it with fake time.
 */
import type { Account } from '../accounts/account-schema.js';
import { nextDailyWarmUp, parseWarmUpSetting } from './parse-warm-up-setting.js';
import { selectWarmUpModels } from './select-warm-up-models.js';
import type { WarmUp } from './warm-up-accounts.js';

export interface WarmUpTimerOptions {
  /** `accounts.warmup` in force. */
  setting: () => string;
  accounts: () => readonly Account[];
  warmUp: WarmUp['warmUp'];
  now: () => number;
  /**
   * False while the gateway is stopped: Stop means no traffic on the accounts, so a daily run
   * due then is skipped; resets that passed are warmed once it serves again. Default: always.
   */
  active?: () => boolean;
  checkEveryMs?: number;
  logger?: { warn(message: string): void; info(message: string): void };
}

export interface WarmUpTimer {
  start(): void;
  /** Stops checking and waits for a warm-up under way. */
  stop(): Promise<void>;
  /** One check now (the timer calls this; tests may too). */
  check(): Promise<void>;
}

export function createWarmUpTimer(options: WarmUpTimerOptions): WarmUpTimer {
  const checkEveryMs = options.checkEveryMs ?? 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  /** The daily setting the due time was computed for, and that time. */
  let daily: { setting: string; dueAt: number } | undefined;
  /** `email\0model\0resetTime` already warmed (or tried) after that reset. */
  const warmedResets = new Set<string>();

  const runWarmUp = async (email: string | undefined, models?: readonly string[]) => {
    try {
      const results = await options.warmUp(email, models === undefined ? undefined : { models });
      const failed = results.filter((result) => result.status === 'failed');
      const warmed = results.filter((result) => result.status === 'warmed').length;
      options.logger?.info(`Warm-up: ${warmed} model(s) warmed${failed.length === 0 ? '' : `, ${failed.length} failed`}.`);
    } catch (error) {
      options.logger?.warn(`Warm-up failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  async function check(): Promise<void> {
    const setting = options.setting();
    const schedule = parseWarmUpSetting(setting);
    const now = options.now();
    if (schedule.kind !== 'daily') daily = undefined;
    const active = options.active?.() ?? true;
    if (schedule.kind === 'daily') {
      if (daily === undefined || daily.setting !== setting) daily = { setting, dueAt: nextDailyWarmUp(now, schedule) };
      if (now < daily.dueAt) return;
      daily = { setting, dueAt: nextDailyWarmUp(now, schedule) };
      if (active) await runWarmUp(undefined);
      return;
    }
    if (schedule.kind !== 'on_reset' || !active) return;
    for (const account of options.accounts()) {
      if (account.status !== 'active') continue;
      const due: string[] = [];
      for (const { model } of selectWarmUpModels(account)) {
        const resetTime = account.quotas[model]?.resetTime;
        const reset = resetTime === undefined ? Number.NaN : Date.parse(resetTime);
        if (!Number.isFinite(reset) || reset > now) continue;
        const key = `${account.email}\u0000${model}\u0000${resetTime}`;
        if (warmedResets.has(key)) continue;
        warmedResets.add(key);
        due.push(model);
      }
      if (due.length > 0) await runWarmUp(account.email, due);
    }
    // Bounded: old reset times never come back.
    if (warmedResets.size > 10_000) warmedResets.clear();
  }

  /** One check at a time: a slow warm-up is not started again by the next tick. */
  const runCheck = (): Promise<void> => (running ??= check().finally(() => (running = undefined)));

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void runCheck().finally(schedule);
    }, checkEveryMs);
    timer.unref?.();
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    check: runCheck,
  };
}
