/**
 * Secrets of named keys: `skp_<12 hex id>_<43 base64url chars>`. The id is not secret (it is the
 * lookup handle, and shows in the list); the 32 random bytes after it are.
 */
import { createHash, randomBytes } from 'node:crypto';

const secretPattern = /^skp_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export function createApiKeySecret(id: string = randomBytes(6).toString('hex')): { id: string; secret: string } {
  return { id, secret: `skp_${id}_${randomBytes(32).toString('base64url')}` };
}

/** The id a presented key names, or undefined when it does not have the shape of a named key. */
export function readApiKeyId(presented: string): string | undefined {
  if (!presented.startsWith('skp_')) return undefined;
  return secretPattern.exec(presented)?.[1];
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
