import { describe, expect, it } from 'vitest';
import { createGatewayEventBus } from './gateway-event-bus.js';

/** The bus knows no kind: its tests use two of their own. */
type TestEvent = { type: 'log'; data: { id: string } } | { type: 'accounts'; data: { items: unknown[] } };

const event = (id: string): TestEvent => ({ type: 'log', data: { id } });

const idOf = (event: TestEvent) => (event.type === 'log' ? event.data.id : event.type);

describe('gateway event bus', () => {
  it('delivers to every subscriber of the type until it unsubscribes', () => {
    const bus = createGatewayEventBus<TestEvent>();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = bus.subscribe((received) => a.push(idOf(received)));
    bus.subscribe((received) => b.push(idOf(received)), { types: ['log'] });
    bus.publish(event('1'));
    bus.publish({ type: 'accounts', data: { items: [] } });
    stopA();
    bus.publish(event('2'));
    expect(a).toEqual(['1', 'accounts']);
    expect(b).toEqual(['1', '2']);
    expect(bus.subscriberCount).toBe(1);
  });

  it('keeps delivering when one listener throws, and says so', () => {
    const warnings: string[] = [];
    const bus = createGatewayEventBus<TestEvent>({ logger: { warn: (message) => warnings.push(message) } });
    const seen: string[] = [];
    bus.subscribe(() => {
      throw new Error('broken watcher');
    });
    bus.subscribe((received) => seen.push(idOf(received)));
    bus.publish(event('1'));
    expect(seen).toEqual(['1']);
    expect(warnings).toEqual(['An event listener failed on "log": broken watcher']);
  });

  it('a scope ends only its own subscriptions, each once', () => {
    const bus = createGatewayEventBus<TestEvent>();
    const scope = bus.scope();
    const closed: string[] = [];
    const received: string[] = [];
    scope.subscribe((item) => received.push(`scoped ${idOf(item)}`), { onClose: () => closed.push('scoped') });
    bus.subscribe((item) => received.push(`root ${idOf(item)}`), { onClose: () => closed.push('root') });
    scope.publish(event('1'));
    scope.closeAll();
    scope.closeAll();
    bus.publish(event('2'));
    expect(received).toEqual(['scoped 1', 'root 1', 'root 2']);
    expect(closed).toEqual(['scoped']);
    // The scope stays usable (the server starts again).
    scope.subscribe(() => {}, { onClose: () => closed.push('scoped again') });
    bus.closeAll();
    scope.closeAll();
    expect(closed).toEqual(['scoped', 'root', 'scoped again']);
    expect(bus.subscriberCount).toBe(0);
  });
});
