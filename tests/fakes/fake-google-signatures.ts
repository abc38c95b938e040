/**
 * Thought signatures the fake hands out (UPSTREAM-PROTOCOL.md §14): long opaque base64 strings that
 * encode which model family issued them; only signatures in this registry pass validation.
 */
import { randomBytes } from 'node:crypto';

export type ModelFamily = 'gemini' | 'claude' | 'other';

export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

export function modelFamily(model: string): ModelFamily {
  if (model.startsWith('claude-')) return 'claude';
  if (model.startsWith('gemini-')) return 'gemini';
  return 'other';
}

/** Image-generation models (gemini-3-pro-image, …): every id containing "image". No tools, no thinking (§13). */
export function isImageModel(model: string): boolean {
  return model.includes('image');
}

/** Gemini 3.x (gemini-3-flash, gemini-3-pro-high, gemini-3.1-pro-low, …): the ones that enforce §14's active-loop rule. */
export function isGemini3(model: string): boolean {
  return /^gemini-3(\.|-|$)/.test(model);
}

export interface IssuedSignature {
  family: ModelFamily;
  model: string;
  /** For Claude thinking: the full thinking text the signature was issued with. */
  thinking?: string;
}

const MAGIC = Buffer.from('FAKEGOOG');

export class SignatureRegistry {
  private readonly issued = new Map<string, IssuedSignature>();
  private counter = 0;

  issue(model: string, thinking?: string): string {
    const family = modelFamily(model);
    const header = Buffer.from(JSON.stringify({ f: family, n: ++this.counter }));
    // Real signatures are ~100+ base64 chars (`ErADCq0D…`); clients ignore ones shorter than 50.
    const signature = Buffer.concat([Buffer.from([0x12, 0xb0]), MAGIC, header, randomBytes(72)]).toString('base64');
    this.issued.set(signature, thinking === undefined ? { family, model } : { family, model, thinking });
    return signature;
  }

  lookup(signature: string): IssuedSignature | undefined {
    return this.issued.get(signature);
  }

  get size(): number {
    return this.issued.size;
  }
}
