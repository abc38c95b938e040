/**
 * End to end: the real Codex CLI (`@openai/codex`, its native binary) configured with a custom
 * model provider that points at the gateway (`wire_api = "responses"`), the fake Google behind
 * the gateway. It runs offline: a temporary CODEX_HOME holding only the provider config, update
 * checks and analytics off, no session files kept. Codex uses the bundled metadata of
 * `gpt-5.5` (its freeform `apply_patch` tool, `store: false`, encrypted reasoning), which the
 * gateway's default mapping sends to gemini-3-pro-high. A second configuration adds
 * `supports_websockets = true`, with which Codex talks over the Responses WebSocket instead.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../integration/start-test-gateway.js';

const codexLauncher = join(dirname(createRequire(import.meta.url).resolve('@openai/codex/package.json')), 'bin', 'codex.js');

let world: TestGateway;
let codexHome: string;
/** The same provider with `supports_websockets = true`: Codex then talks over the Responses WebSocket. */
let codexWebSocketHome: string;
let workDir: string;

function providerConfig(extra: string[] = []): string {
  return [
    'model = "gpt-5.5"',
    'model_provider = "skyport"',
    'check_for_update_on_startup = false',
    '',
    '[analytics]',
    'enabled = false',
    '',
    '[model_providers.skyport]',
    'name = "Skyport"',
    `base_url = "${world.baseUrl}"`,
    'wire_api = "responses"',
    'env_key = "SKYPORT_API_KEY"',
    'request_max_retries = 0',
    'stream_max_retries = 0',
    ...extra,
    '',
  ].join('\n');
}

beforeAll(async () => {
  world = await startTestGateway({ settings: { 'proxy.auth_mode': 'strict' } });
  codexHome = await mkdtemp(join(tmpdir(), 'skyport-codex-home-'));
  codexWebSocketHome = await mkdtemp(join(tmpdir(), 'skyport-codex-ws-home-'));
  workDir = await mkdtemp(join(tmpdir(), 'skyport-codex-work-'));
  // The provider block the README shows, plus what keeps the run offline and single-shot.
  await writeFile(join(codexHome, 'config.toml'), providerConfig());
  await writeFile(join(codexWebSocketHome, 'config.toml'), providerConfig(['supports_websockets = true']));
});
afterAll(async () => {
  await world.close();
  await rm(codexHome, { recursive: true, force: true });
  await rm(codexWebSocketHome, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

interface CodexRun {
  code: number | null;
  /** `--json` events, one per line of stdout. */
  events: Array<{ type: string; item?: { type: string; text?: string; status?: string; changes?: Array<{ path: string; kind: string }> } }>;
  stderr: string;
}

/**
 * `codex exec --json <prompt>`. The sandbox is bypassed because the commands come from the
 * fake model of this test and the work directory is a throwaway; the sandbox itself (bubblewrap,
 * user namespaces) is Codex's business, not the gateway's.
 */
function runCodex(prompt: string, home = codexHome): Promise<CodexRun> {
  const environment = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, CODEX_HOME: home, SKYPORT_API_KEY: world.apiKey };
  const args = [codexLauncher, 'exec', '--json', '--skip-git-repo-check', '--ephemeral', '--dangerously-bypass-approvals-and-sandbox', prompt];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: workDir, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const events = stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as CodexRun['events'][number]);
      resolve({ code, events, stderr });
    });
  });
}

const agentMessages = (run: CodexRun) => run.events.flatMap((event) => (event.type === 'item.completed' && event.item?.type === 'agent_message' ? [event.item.text ?? ''] : []));

interface SentRequest {
  model: string;
  request: {
    contents: Array<{ role: string; parts: Array<{ text?: string; functionCall?: { name: string; args: Record<string, unknown> }; functionResponse?: { name: string; response: Record<string, unknown> }; thoughtSignature?: string }> }>;
    tools?: Array<{ functionDeclarations: Array<{ name: string; description?: string }> }>;
  };
}
const sentRequests = () => world.fake.requestsTo('streamGenerateContent').map((request) => request.body as SentRequest);

describe('Codex CLI through the gateway', () => {
  it('completes a turn with `codex exec`', { timeout: 60_000 }, async () => {
    const before = sentRequests().length;
    const run = await runCodex('Say hello');
    expect(run.code, run.stderr).toBe(0);
    expect(run.events.some((event) => event.type === 'turn.completed')).toBe(true);
    expect(agentMessages(run).join('\n')).toContain('Hello from gemini-3-pro-high');
    const sent = sentRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.model).toBe('gemini-3-pro-high');
    // Codex's freeform apply_patch arrives as a function taking the patch text, its grammar in the description.
    const applyPatch = sent[0]?.request.tools?.[0]?.functionDeclarations.find((declaration) => declaration.name === 'apply_patch');
    expect(applyPatch?.description).toContain('*** Begin Patch');
  });

  it('edits a file when the model answers with an apply_patch call', { timeout: 60_000 }, async () => {
    const before = sentRequests().length;
    world.fake.enqueue({
      kind: 'function-call',
      thoughts: 'I will add the file with apply_patch.',
      calls: [{ name: 'apply_patch', args: { input: '*** Begin Patch\n*** Add File: hello.txt\n+hello from the gateway\n*** End Patch\n' } }],
    });
    const run = await runCodex('Create hello.txt');
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(join(workDir, 'hello.txt'), 'utf8')).toBe('hello from the gateway\n');
    const change = run.events.find((event) => event.item?.type === 'file_change' && event.type === 'item.completed');
    expect(change?.item?.changes).toEqual([{ path: join(workDir, 'hello.txt'), kind: 'add' }]);

    // Codex sent the patch's result back as custom_tool_call_output; the model turn kept the
    // real Gemini 3 signature (through the reasoning item's encrypted_content), not the skip value.
    const sent = sentRequests().slice(before);
    expect(sent).toHaveLength(2);
    const contents = sent[1]?.request.contents ?? [];
    const call = contents.flatMap((content) => content.parts).find((part) => part.functionCall?.name === 'apply_patch');
    expect(call?.thoughtSignature).toBeDefined();
    expect(call?.thoughtSignature).not.toBe('skip_thought_signature_validator');
    const result = contents.flatMap((content) => content.parts).find((part) => part.functionResponse?.name === 'apply_patch');
    expect(JSON.stringify(result?.functionResponse?.response)).toContain('Success. Updated the following files');
    expect(agentMessages(run).at(-1)).toContain('Tool said');
  });
  it('works over the Responses WebSocket when the provider says it supports it', { timeout: 60_000 }, async () => {
    const before = sentRequests().length;
    const opened = world.logLines.filter((line) => line.includes('responses websocket opened')).length;
    world.fake.enqueue({
      kind: 'function-call',
      thoughts: 'I will add the file with apply_patch.',
      calls: [{ name: 'apply_patch', args: { input: '*** Begin Patch\n*** Add File: socket.txt\n+written over a websocket\n*** End Patch\n' } }],
    });
    const run = await runCodex('Create socket.txt', codexWebSocketHome);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('failed to connect to Responses WebSocket');
    expect(world.logLines.filter((line) => line.includes('responses websocket opened')).length).toBeGreaterThan(opened);
    expect(await readFile(join(workDir, 'socket.txt'), 'utf8')).toBe('written over a websocket\n');
    const sent = sentRequests().slice(before);
    expect(sent).toHaveLength(2);
    const result = (sent[1]?.request.contents ?? []).flatMap((content) => content.parts).find((part) => part.functionResponse?.name === 'apply_patch');
    expect(JSON.stringify(result?.functionResponse?.response)).toContain('Success. Updated the following files');
    expect(agentMessages(run).at(-1)).toContain('Tool said');
  });
});
