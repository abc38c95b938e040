/**
 * Publishes alerts, at most one per (kind, account, model) within `quietMs`: an account that
 * flaps around a threshold, or a pool that rests and recovers every minute, tells the user once,
 * not on every swing. Keeps the latest few so a window opened later can show them.
 */
import { randomUUID } from 'node:crypto';
import type { GatewayAlert, GatewayAlertInput } from './gateway-alert.js';

export interface AlertPublisherOptions {
  emit: (alert: GatewayAlert) => void;
  now?: () => number;
  /** Same (kind, account, model) again within this long is dropped; default 30 min. */
  quietMs?: number;
  createId?: () => string;
  /** How many recent alerts `recent()` keeps; default 20. */
  keep?: number;
}

export interface AlertPublisher {
  /** The alert as published, or undefined when an equal one went out less than `quietMs` ago. */
  publish(input: GatewayAlertInput): GatewayAlert | undefined;
  /** Newest first. */
  recent(): GatewayAlert[];
}

export const defaultAlertQuietMs = 30 * 60_000;

export function createAlertPublisher(options: AlertPublisherOptions): AlertPublisher {
  const now = options.now ?? Date.now;
  const quietMs = options.quietMs ?? defaultAlertQuietMs;
  const createId = options.createId ?? randomUUID;
  const keep = options.keep ?? 20;
  const lastSent = new Map<string, number>();
  const latest: GatewayAlert[] = [];

  return {
    publish(input) {
      const time = now();
      const key = JSON.stringify([input.kind, input.account ?? '', input.model ?? '']);
      const previous = lastSent.get(key);
      if (previous !== undefined && time - previous < quietMs) return undefined;
      lastSent.delete(key);
      lastSent.set(key, time);
      // Bounded: the oldest keys go first (a key older than quietMs no longer limits anything).
      if (lastSent.size > 10_000) lastSent.delete(lastSent.keys().next().value as string);
      const alert: GatewayAlert = { id: `alert_${createId()}`, ...input, at: new Date(time).toISOString() };
      latest.unshift(alert);
      if (latest.length > keep) latest.length = keep;
      options.emit(alert);
      return alert;
    },
    recent() {
      return [...latest];
    },
  };
}
