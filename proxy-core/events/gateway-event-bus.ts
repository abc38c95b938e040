/**
 * What the gateway tells watchers while it runs: the UI's ControlApi in process, and
 * `GET /api/admin/events` (SSE) over HTTP. One bus, typed events: the kinds it carries are
 * `GatewayEvent` (control/gateway-event.ts); a new kind is added there and published from where it
 * happens. The bus itself knows no kind, so every layer that publishes (the monitor, control) can
 * import it without importing each other.
 */

/** Every event is a kind and its data: one SSE frame `event: <type>` / `data: <json>` each. */
export interface BusEvent {
  type: string;
  data: unknown;
}

export interface SubscribeOptions<Type extends string = string> {
  /** Only these kinds; all when absent. */
  types?: readonly Type[];
  /** Called once when the bus ends this subscription (closeAll); not when the subscriber unsubscribes. */
  onClose?: () => void;
}

export interface GatewayEventBus<Event extends BusEvent = BusEvent> {
  publish(event: Event): void;
  /**
   * Returns the unsubscribe function. With `types`, the listener hears only those kinds and is
   * typed for them (the monitor follows its `log` events on a bus that carries every kind).
   */
  subscribe<Type extends Event['type'] = Event['type']>(listener: (event: Extract<Event, { type: Type }>) => void, options?: SubscribeOptions<Type>): () => void;
  /**
   * A view of this bus whose `closeAll` ends only the subscriptions made through it: the HTTP
   * server ends its SSE streams when it stops while in-process subscribers stay.
   */
  scope(): GatewayEventBus<Event>;
  /** End every subscription made through this bus (or scope). */
  closeAll(): void;
  readonly subscriberCount: number;
}

interface Subscription<Event extends BusEvent> {
  listener: (event: Event) => void;
  types: ReadonlySet<string> | undefined;
  onClose: (() => void) | undefined;
}

export function createGatewayEventBus<Event extends BusEvent = BusEvent>(options: { logger?: { warn(message: string): void } } = {}): GatewayEventBus<Event> {
  type EventSubscription = Subscription<Event>;
  const subscriptions = new Set<EventSubscription>();

  const publish = (event: Event) => {
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

  const add = <Type extends Event['type']>(owned: Set<EventSubscription> | undefined, listener: (event: Extract<Event, { type: Type }>) => void, subscribeOptions: SubscribeOptions<Type> = {}) => {
    const subscription: EventSubscription = {
      // Called only with the kinds in `types` (publish checks), which are the ones it is typed for.
      listener: listener as (event: Event) => void,
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

  const end = (targets: Iterable<EventSubscription>) => {
    for (const subscription of [...targets]) {
      if (subscriptions.delete(subscription)) subscription.onClose?.();
    }
  };

  const createScope = (): GatewayEventBus<Event> => {
    const owned = new Set<EventSubscription>();
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
