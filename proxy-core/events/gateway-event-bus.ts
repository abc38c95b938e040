/**
 * What the gateway tells watchers while it runs: the UI's ControlApi in process, and
 * `GET /api/admin/events` (SSE) over HTTP. One bus, typed events; a new kind is added to
 * `GatewayEvent` and published from where it happens.
 */
import { controlEventTypes, type ControlEvent } from '../control/control-events.js';
import type { RequestLogSummary } from '../monitor/describe-request-log.js';

export type GatewayEvent =
  /** A request finished and was recorded (the request log's summary row). */
  | { type: 'log'; data: RequestLogSummary }
  /** Gateway status, accounts and settings, as the UI's ControlApi describes them (control/control-events.ts). */
  | ControlEvent;

export type GatewayEventType = GatewayEvent['type'];
export const gatewayEventTypes: readonly GatewayEventType[] = ['log', ...controlEventTypes];

export interface SubscribeOptions {
  /** Only these kinds; all when absent. */
  types?: readonly GatewayEventType[];
  /** Called once when the bus ends this subscription (closeAll); not when the subscriber unsubscribes. */
  onClose?: () => void;
}

export interface GatewayEventBus {
  publish(event: GatewayEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (event: GatewayEvent) => void, options?: SubscribeOptions): () => void;
  /**
   * A view of this bus whose `closeAll` ends only the subscriptions made through it: the HTTP
   * server ends its SSE streams when it stops while in-process subscribers stay.
   */
  scope(): GatewayEventBus;
  /** End every subscription made through this bus (or scope). */
  closeAll(): void;
  readonly subscriberCount: number;
}

interface Subscription {
  listener: (event: GatewayEvent) => void;
  types: ReadonlySet<GatewayEventType> | undefined;
  onClose: (() => void) | undefined;
}

export function createGatewayEventBus(options: { logger?: { warn(message: string): void } } = {}): GatewayEventBus {
  const subscriptions = new Set<Subscription>();

  const publish = (event: GatewayEvent) => {
    for (const subscription of subscriptions) {
      if (subscription.types !== undefined && !subscription.types.has(event.type)) continue;
      try {
        subscription.listener(event);
      } catch (error) {
        // One broken watcher must not stop the others, nor the request that published.
        options.logger?.warn(`An event listener failed on "${event.type}": ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const add = (owned: Set<Subscription> | undefined, listener: (event: GatewayEvent) => void, subscribeOptions: SubscribeOptions = {}) => {
    const subscription: Subscription = {
      listener,
      types: subscribeOptions.types === undefined ? undefined : new Set(subscribeOptions.types),
      onClose: subscribeOptions.onClose,
    };
    subscriptions.add(subscription);
    owned?.add(subscription);
    return () => {
      subscriptions.delete(subscription);
      owned?.delete(subscription);
    };
  };

  const end = (targets: Iterable<Subscription>) => {
    for (const subscription of [...targets]) {
      if (subscriptions.delete(subscription)) subscription.onClose?.();
    }
  };

  const createScope = (): GatewayEventBus => {
    const owned = new Set<Subscription>();
    return {
      publish,
      subscribe: (listener, subscribeOptions) => add(owned, listener, subscribeOptions),
      scope: createScope,
      closeAll() {
        end(owned);
        owned.clear();
      },
      get subscriberCount() {
        return owned.size;
      },
    };
  };

  return {
    publish,
    subscribe: (listener, subscribeOptions) => add(undefined, listener, subscribeOptions),
    scope: createScope,
    closeAll: () => end(subscriptions),
    get subscriberCount() {
      return subscriptions.size;
    },
  };
}
