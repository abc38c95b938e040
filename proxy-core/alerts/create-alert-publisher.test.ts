import { describe, expect, it } from 'vitest';
import type { GatewayAlert } from './gateway-alert.js';
import { createAlertPublisher } from './create-alert-publisher.js';

describe('createAlertPublisher', () => {
  it('publishes with an id and time, at most once per kind, account and model within the quiet time', () => {
    let time = Date.parse('2026-12-07T12:00:00Z');
    const emitted: GatewayAlert[] = [];
    let counter = 0;
    const publisher = createAlertPublisher({ emit: (alert) => emitted.push(alert), now: () => time, quietMs: 60_000, createId: () => String((counter += 1)) });
    const low = { kind: 'quota_low', severity: 'warning', account: 'a@x', model: 'm', message: 'low' } as const;
    expect(publisher.publish(low)).toEqual({ id: 'alert_1', ...low, at: '2026-12-07T12:00:00.000Z' });
    time += 30_000;
    expect(publisher.publish(low)).toBeUndefined();
    // Another account or model is another alert.
    expect(publisher.publish({ ...low, account: 'b@x' })?.id).toBe('alert_2');
    expect(publisher.publish({ ...low, model: 'n' })?.id).toBe('alert_3');
    time += 30_000;
    expect(publisher.publish(low)?.id).toBe('alert_4');
    expect(emitted.map((alert) => alert.id)).toEqual(['alert_1', 'alert_2', 'alert_3', 'alert_4']);
    expect(publisher.recent().map((alert) => alert.id)).toEqual(['alert_4', 'alert_3', 'alert_2', 'alert_1']);
  });

  it('keeps only the latest few', () => {
    const publisher = createAlertPublisher({ emit: () => {}, keep: 2, now: () => 0 });
    for (const kind of ['a', 'b', 'c']) publisher.publish({ kind, severity: 'info', message: kind });
    expect(publisher.recent().map((alert) => alert.kind)).toEqual(['c', 'b']);
  });
});
