/**
 * Client tool names <-> names the upstream accepts (UPSTREAM-PROTOCOL.md §4: letter or underscore
 * first, `[a-zA-Z0-9_.:-]`, at most 64 characters). The same mapping serves the declarations,
 * the calls replayed from history and, reversed, the calls the model makes (the encoder gets
 * `sanitized -> original`). Two client names that sanitize alike get distinct upstream names so
 * a call can always be mapped back to the tool that was meant.
 */
import { sanitizeFunctionName } from '../gemini/sanitize-function-name.js';

export interface ToolNameMapping {
  /** The upstream name for a client tool name, allocated on first use. */
  toUpstream(originalName: string): string;
  /** Every name handed out so far: sanitized -> original. */
  readonly originalBySanitized: Map<string, string>;
}

const maxNameLength = 64;

export function createToolNameMapping(): ToolNameMapping {
  const originalBySanitized = new Map<string, string>();
  const sanitizedByOriginal = new Map<string, string>();

  function toUpstream(originalName: string): string {
    const known = sanitizedByOriginal.get(originalName);
    if (known !== undefined) return known;
    const base = sanitizeFunctionName(originalName);
    let candidate = base;
    for (let suffix = 2; originalBySanitized.has(candidate); suffix += 1) {
      const tail = `_${suffix}`;
      candidate = `${base.slice(0, maxNameLength - tail.length)}${tail}`;
    }
    originalBySanitized.set(candidate, originalName);
    sanitizedByOriginal.set(originalName, candidate);
    return candidate;
  }

  return { toUpstream, originalBySanitized };
}
