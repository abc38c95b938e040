/**
 * End to end: the real Claude Code CLI (`@anthropic-ai/claude-code`, its native binary) pointed at
 * the gateway with the two variables a user sets, ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY, and
 * the fake Google behind the gateway. It runs offline: a temporary HOME, and the auto-updater and
 * non-essential traffic (telemetry, error reports, session titles) turned off.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DefaultReplyRequest, FakeReply } from '../fakes/fake-google.js';
import { startTestGateway, type TestGateway } from '../integration/start-test-gateway.js';

const claudeBinary = join(dirname(createRequire(import.meta.url).resolve('@anthropic-ai/claude-code/package.json')), 'bin', 'claude.exe');

let world: TestGateway;
let home: string;
let workDir: string;

beforeAll(async () => {
  world = await startTestGateway({ settings: { 'proxy.auth_mode': 'strict' } });
  home = await mkdtemp(join(tmpdir(), 'skyport-claude-home-'));
  workDir = await mkdtemp(join(tmpdir(), 'skyport-claude-work-'));
});
afterAll(async () => {
  await world.close();
  await rm(home, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

interface ClaudeResult {
  type: string;
  subtype: string;
  is_error: boolean;
  result: string;
  num_turns: number;
  stop_reason: string;
  usage: { input_tokens: number; output_tokens: number };
}

/** `claude -p <prompt> --output-format json`, with only the environment a user would set. */
function runClaude(prompt: string, extraArgs: string[] = []): Promise<ClaudeResult> {
  const environment = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    ANTHROPIC_BASE_URL: world.origin,
    ANTHROPIC_API_KEY: world.apiKey,
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(claudeBinary, ['-p', prompt, '--output-format', 'json', ...extraArgs], { cwd: workDir, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(stdout) as ClaudeResult);
      } catch {
        reject(new Error(`claude exited with ${code}: ${stdout}\n${stderr}`));
      }
    });
  });
}

interface SentPart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { name: string; args: Record<string, unknown>; id?: string };
  functionResponse?: { name: string; response: Record<string, unknown> };
}
interface SentRequest {
  model: string;
  request: {
    contents: Array<{ role: string; parts: SentPart[] }>;
    tools?: Array<{ functionDeclarations: Array<{ name: string }> }>;
    generationConfig?: { thinkingConfig?: { includeThoughts?: boolean; thinkingBudget?: number } };
  };
}
const sentRequests = () => world.fake.requestsTo('streamGenerateContent').map((request) => request.body as SentRequest);

/** Asks for Claude Code's Bash tool once, then answers with what the tool returned, thinking each time. */
function bashLoop({ body }: DefaultReplyRequest): FakeReply {
  const request = (body as SentRequest).request;
  const thoughts = request.generationConfig?.thinkingConfig?.includeThoughts === true ? 'The user wants the marker printed.' : undefined;
  const results = (request.contents.at(-1)?.parts ?? []).flatMap((part) => (part.functionResponse ? [part.functionResponse.response] : []));
  if (results.length > 0) return { kind: 'text', text: `Tool said: ${JSON.stringify(results)}`, ...(thoughts ? { thoughts } : {}) };
  return {
    kind: 'function-call',
    calls: [{ name: 'Bash', args: { command: 'echo skyport-e2e', description: 'Print a marker' } }],
    ...(thoughts ? { thoughts } : {}),
  };
}

/** Asks for Claude Code's WebSearch tool once; answers the search itself with grounding; then says what the tool returned. */
function webSearchLoop({ body }: DefaultReplyRequest): FakeReply {
  const request = (body as SentRequest).request as SentRequest['request'] & { tools?: unknown[] };
  if (JSON.stringify(request.tools ?? []).includes('googleSearch')) {
    return {
      kind: 'text',
      text: 'Rome is sunny today.',
      grounding: { queries: ['rome weather'], sources: [{ uri: 'https://weather.example/rome', title: 'weather.example' }] },
    };
  }
  const results = (request.contents.at(-1)?.parts ?? []).flatMap((part) => (part.functionResponse ? [part.functionResponse.response] : []));
  if (results.length > 0) return { kind: 'text', text: `Tool said: ${JSON.stringify(results)}` };
  return { kind: 'function-call', calls: [{ name: 'WebSearch', args: { query: 'rome weather' } }] };
}

describe('Claude Code against Skyport', () => {
  it('has its native binary (placed by the package install script, allowed in package.json allowScripts)', () => {
    expect(existsSync(claudeBinary)).toBe(true);
  });

  it('answers `claude -p "say hello"` through the default (Opus) mapping', { timeout: 60_000 }, async () => {
    const before = sentRequests().length;
    const result = await runClaude('say hello');
    expect(result).toMatchObject({ type: 'result', subtype: 'success', is_error: false, stop_reason: 'end_turn' });
    expect(result.result).toContain('Hello from claude-opus-4-6-thinking');
    expect(result.usage.input_tokens).toBeGreaterThan(0);
    expect(result.usage.output_tokens).toBeGreaterThan(0);

    const sent = sentRequests().slice(before);
    expect(sent).toHaveLength(1);
    const declared = sent[0]?.request.tools?.[0]?.functionDeclarations.map((declaration) => declaration.name) ?? [];
    expect(declared).toEqual(expect.arrayContaining(['Bash', 'Read', 'Edit', 'Write']));
    expect(JSON.stringify(sent[0])).not.toContain('x-anthropic-billing-header');
    expect(JSON.stringify(sent[0])).toContain('say hello');
  });

  it('runs its WebSearch tool: the search is answered with Google Search grounding and the sources reach the model', { timeout: 60_000 }, async () => {
    world.fake.setDefaultReply(webSearchLoop);
    const before = sentRequests().length;
    try {
      const result = await runClaude('What is the weather in Rome? Use WebSearch.', ['--model', 'haiku', '--allowedTools', 'WebSearch']);
      expect(result).toMatchObject({ subtype: 'success', is_error: false });
      expect(result.result).toContain('Rome is sunny today.');
      expect(result.result).toContain('https://weather.example/rome');
    } finally {
      world.fake.setDefaultReply(undefined);
    }
    const searches = sentRequests()
      .slice(before)
      .filter((request) => JSON.stringify(request.request.tools ?? []).includes('googleSearch'));
    expect(searches.length).toBeGreaterThan(0);
    expect(searches[0]?.model).toBe('gemini-3-flash');
  });

  for (const { model, upstream } of [
    { model: 'opus', upstream: 'claude-opus-4-6-thinking' },
    { model: 'haiku', upstream: 'gemini-3-flash' },
  ]) {
    it(`runs a multi-turn Bash tool loop with thinking (--model ${model} -> ${upstream})`, { timeout: 60_000 }, async () => {
      world.fake.setDefaultReply(bashLoop);
      const before = sentRequests().length;
      try {
        const result = await runClaude('Print the marker with Bash.', ['--model', model, '--allowedTools', 'Bash']);
        expect(result).toMatchObject({ subtype: 'success', is_error: false, num_turns: 2 });
        expect(result.result).toContain('skyport-e2e');
      } finally {
        world.fake.setDefaultReply(undefined);
      }

      const sent = sentRequests().slice(before);
      expect(sent.map((request) => request.model)).toEqual([upstream, upstream]);
      const replayed = sent[1]?.request.contents.find((content) => content.role === 'model');
      const call = replayed?.parts.find((part) => part.functionCall !== undefined);
      expect(call?.functionCall).toMatchObject({ name: 'Bash', args: { command: 'echo skyport-e2e' } });
      if (upstream.startsWith('claude')) {
        // Claude Code kept the thinking block and its signature; the fake validated it, and thinking stayed on.
        expect(replayed?.parts[0]).toMatchObject({ thought: true, thoughtSignature: expect.any(String) });
        expect(sent[1]?.request.generationConfig?.thinkingConfig?.thinkingBudget).toBeGreaterThan(0);
      } else {
        // Claude Code drops Gemini's function-call signature; the gateway put the real one back.
        expect(call?.thoughtSignature).toEqual(expect.any(String));
        expect(call?.thoughtSignature).not.toBe('skip_thought_signature_validator');
      }
    });
  }
});
