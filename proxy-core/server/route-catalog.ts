/** Every route the server answers, for the 404 that points a misconfigured client to the right one. */
import type { RouteEntry } from '../control/gateway.js';

export class RouteCatalog {
  private readonly entries: RouteEntry[] = [];

  add(method: RouteEntry['method'], path: string): void {
    this.entries.push({ method, path });
  }

  list(): readonly RouteEntry[] {
    return this.entries;
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Path segments that are parameters (`:model`) match anything. */
function templateMatches(template: string, path: string): boolean {
  const a = template.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((segment, index) => segment.startsWith(':') || segment === b[index]);
}

/**
 * The valid route a wrong path most likely meant. Clients that stack paths
 * (`/v1/chat/completions/responses`, `/v1/v1/models`) contain the real route; otherwise the
 * nearest by edit distance.
 */
export function findClosestRoute(routes: readonly RouteEntry[], method: string, path: string): RouteEntry | undefined {
  const candidates = routes.filter((route) => !route.path.includes(':') && route.path !== '/');
  const contained = candidates
    .filter((route) => path.includes(route.path) || path.endsWith(route.path.replace(/^\/v1/, '')))
    .sort((a, b) => b.path.length - a.path.length);
  const sameMethod = contained.find((route) => route.method === method);
  if (sameMethod !== undefined) return sameMethod;
  if (contained[0] !== undefined) return contained[0];
  let best: RouteEntry | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const route of routes) {
    const distance = templateMatches(route.path, path) ? 0 : editDistance(route.path, path) + (route.method === method ? 0 : 1);
    if (distance < bestDistance) {
      best = route;
      bestDistance = distance;
    }
  }
  return best;
}
