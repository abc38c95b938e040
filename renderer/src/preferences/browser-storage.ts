/**
 * Small typed wrappers over Web Storage that never throw (storage can be disabled or full):
 * the console credential lives in sessionStorage (gone with the tab), UI preferences in
 * localStorage.
 */
export interface KeyValueStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function createKeyValueStorage(storage: () => Storage | undefined): KeyValueStorage {
  return {
    get(key) {
      try {
        return storage()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        storage()?.setItem(key, value);
      } catch {
        // Storage refused (private mode, quota): the value lasts for this page only.
      }
    },
    remove(key) {
      try {
        storage()?.removeItem(key);
      } catch {
        // Nothing to clean up.
      }
    },
  };
}

/** In memory, for tests and for hosts without Web Storage. */
export function createMemoryStorage(initial: Record<string, string> = {}): KeyValueStorage {
  const values = new Map(Object.entries(initial));
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

export const credentialKey = 'skyport.console.credential';
export const themeKey = 'skyport.theme';
export const languageKey = 'skyport.language';
