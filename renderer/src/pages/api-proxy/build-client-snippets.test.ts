import { describe, expect, it } from 'vitest';
import { buildClientSnippets, toOrigin } from './build-client-snippets.js';

describe('buildClientSnippets', () => {
  const snippets = Object.fromEntries(buildClientSnippets('http://127.0.0.1:9000/v1', 'sk-test').map((snippet) => [snippet.id, snippet.code]));

  it('gives Claude Code the origin (it adds /v1/messages itself) and the key', () => {
    expect(snippets['claude-code']).toBe('export ANTHROPIC_BASE_URL=http://127.0.0.1:9000\nexport ANTHROPIC_API_KEY=sk-test\nclaude');
  });

  it('gives Codex a responses-API provider with the /v1 URL and the key in an env var', () => {
    const codex = snippets.codex ?? '';
    // The README's model line: a name Codex knows (so it offers apply_patch), mapped upstream by Skyport.
    expect(codex.startsWith('model = "gpt-5.5"\nmodel_provider = "skyport"\n')).toBe(true);
    expect(codex).toContain('[model_providers.skyport]\nname = "Skyport"\nbase_url = "http://127.0.0.1:9000/v1"\nenv_key = "SKYPORT_API_KEY"\nwire_api = "responses"');
    expect(codex).toContain('\n# supports_websockets = true');
    expect(codex).toContain('export SKYPORT_API_KEY=sk-test');
  });

  it('gives curl and the OpenAI SDKs the /v1 base URL', () => {
    expect(snippets.curl).toContain('curl http://127.0.0.1:9000/v1/chat/completions');
    expect(snippets.curl).toContain('Authorization: Bearer sk-test');
    expect(snippets['openai-python']).toContain('OpenAI(base_url="http://127.0.0.1:9000/v1", api_key="sk-test")');
    expect(snippets['openai-node']).toContain("baseURL: 'http://127.0.0.1:9000/v1'");
    expect(toOrigin('http://[::1]:8045/v1/')).toBe('http://[::1]:8045');
  });
});
