/** Call `action(key)` at most once per `intervalMs` for each key; extra calls in between are dropped. */
export function throttlePerKey(action: (key: string) => void, intervalMs: number, now: () => number = Date.now): (key: string) => void {
  const lastCall = new Map<string, number>();
  return (key) => {
    const time = now();
    const previous = lastCall.get(key);
    if (previous !== undefined && time - previous < intervalMs) return;
    lastCall.set(key, time);
    if (lastCall.size > 10_000) lastCall.delete(lastCall.keys().next().value as string);
    action(key);
  };
}
