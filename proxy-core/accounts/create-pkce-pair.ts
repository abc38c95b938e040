/**
 * PKCE for the sign-in (RFC 7636 §4.1-4.2, S256) and the `state` that ties the browser's answer
 * to this sign-in (RFC 6749 §10.12).
 */
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';

export interface PkcePair {
  /** 43 characters of base64url: the RFC's 32 random octets. */
  codeVerifier: string;
  /** BASE64URL(SHA256(codeVerifier)). */
  codeChallenge: string;
  state: string;
}

export function createPkcePair(randomBytes: (size: number) => Buffer = nodeRandomBytes): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return {
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    state: randomBytes(24).toString('base64url'),
  };
}
