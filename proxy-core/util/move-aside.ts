/** Keep an unreadable file for the user instead of overwriting it: rename it to `<name>.corrupt-<time>`. */
import { rename } from 'node:fs/promises';

export async function moveAside(path: string, now: Date = new Date()): Promise<string> {
  const target = `${path}.corrupt-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, target);
  return target;
}
