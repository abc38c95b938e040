/** A refresh token found in another app's files, with where it was found (said instead of the token in every message). */
export interface ImportedToken {
  where: string;
  token: string;
  /** The email the other app stored with it, when it did (Google's answer decides; this only labels messages). */
  email?: string;
}

/** Google refresh tokens as users and apps hold them (`1//0g…`). */
export const refreshTokenPattern = /1\/\/[0-9A-Za-z_-]{20,}/g;

/** Keeps the first of each token. */
export function uniqueTokens(tokens: readonly ImportedToken[]): ImportedToken[] {
  const seen = new Set<string>();
  return tokens.filter((entry) => (seen.has(entry.token) ? false : (seen.add(entry.token), true)));
}
