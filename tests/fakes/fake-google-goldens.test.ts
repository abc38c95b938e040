/**
 * Every converter golden (`**\/__fixtures__/*.gemini.json`: what a client protocol's converter sends
 * upstream) must be a request the fake Google accepts, so a golden that breaks one of Google's rules
 * (fake-google-validate.ts, fake-google-rules/) fails here instead of on the first real call.
 *
 * Signature provenance is not what this checks (the gateway's signature cache decides which
 * signatures a request carries, and its tests cover that): each signature in a golden is trusted as
 * issued by the golden's target model with the thinking text it comes with. The skip sentinel is not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getField, isPlainObject } from './fake-google-proto.js';
import { modelFamily, SKIP_THOUGHT_SIGNATURE, type IssuedSignature } from './fake-google-signatures.js';
import { validateGenerateEnvelope } from './fake-google-validate.js';

const root = join(import.meta.dirname, '..', '..');

function findGoldens(): string[] {
  return readdirSync(join(root, 'proxy-core'), { recursive: true, encoding: 'utf8' })
    .filter((path) => /(^|[\\/])__fixtures__[\\/][^\\/]+\.gemini\.json$/.test(path))
    .map((path) => join('proxy-core', path))
    .sort();
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
}

/** The golden's target model: its own `upstreamModel`, else its `.context.json`'s, else the converters' default. */
function targetModel(path: string, golden: Record<string, unknown>): string {
  if (typeof golden.upstreamModel === 'string') return golden.upstreamModel;
  try {
    const context = readJson(path.replace(/\.gemini\.json$/, '.context.json'));
    if (typeof context.upstreamModel === 'string') return context.upstreamModel;
  } catch {
    // no context file: the converter ran with its default model
  }
  return 'gemini-3-flash';
}

/** Trusts the golden's signatures as the target model's, each with the thinking text of the run of thought parts it closes. */
function trustedSignatures(model: string, request: Record<string, unknown>): Map<string, IssuedSignature> {
  const trusted = new Map<string, IssuedSignature>();
  const contents = getField(request, 'contents');
  for (const content of Array.isArray(contents) ? contents : []) {
    const parts = getField(content, 'parts');
    let runText = '';
    for (const part of Array.isArray(parts) ? parts.filter(isPlainObject) : []) {
      const thought = getField(part, 'thought') === true;
      const text = getField(part, 'text');
      if (thought) runText += typeof text === 'string' ? text : '';
      const signature = getField(part, 'thought_signature');
      if (typeof signature === 'string' && signature !== SKIP_THOUGHT_SIGNATURE) {
        trusted.set(signature, { family: modelFamily(model), model, ...(thought ? { thinking: runText } : {}) });
      }
      if (!thought || typeof signature === 'string') runText = '';
    }
  }
  return trusted;
}

const goldens = findGoldens();

describe('converter goldens sent to the fake Google', () => {
  it('finds the goldens of every client protocol', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(50);
    for (const folder of ['anthropic/messages', 'openai/chat', 'openai/responses']) {
      expect(goldens.some((path) => path.includes(`${folder}/__fixtures__/`))).toBe(true);
    }
  });

  it.each(goldens)('%s is accepted', (path) => {
    const golden = readJson(path);
    const request = golden.request as Record<string, unknown>;
    const model = targetModel(path, golden);
    const trusted = trustedSignatures(model, request);
    const envelope = { project: 'golden-project', model, requestId: 'agent-golden', userAgent: 'antigravity', requestType: 'agent', request };
    const result = validateGenerateEnvelope(envelope, {
      knownModels: new Set([model]),
      signatures: { lookup: (signature: string) => trusted.get(signature) },
    });
    expect('kind' in result ? { model, refused: result.body } : 'accepted').toBe('accepted');
  });
});
