/**
 * Ready-to-paste set-ups for the common clients, filled with the live base URL and key.
 * Claude Code takes the origin (it appends /v1/messages itself); OpenAI clients and Codex take /v1.
 */
export type SnippetId = 'curl' | 'openai-python' | 'openai-node' | 'claude-code' | 'codex';

export interface ClientSnippet {
  id: SnippetId;
  /** What the user pastes it into (a file path or "terminal"). */
  where: string;
  language: 'shell' | 'python' | 'javascript' | 'toml';
  code: string;
}

export const exampleModel = 'gemini-3-flash';

/** `http://127.0.0.1:8045/v1` -> `http://127.0.0.1:8045`. */
export function toOrigin(baseUrl: string): string {
  return baseUrl.replace(/\/v1\/?$/, '');
}

export function buildClientSnippets(baseUrl: string, apiKey: string): ClientSnippet[] {
  const origin = toOrigin(baseUrl);
  return [
    {
      id: 'curl',
      where: 'terminal',
      language: 'shell',
      code: [
        `curl ${baseUrl}/chat/completions \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -H "Authorization: Bearer ${apiKey}" \\`,
        `  -d '{"model": "${exampleModel}", "messages": [{"role": "user", "content": "Hello"}]}'`,
      ].join('\n'),
    },
    {
      id: 'openai-python',
      where: 'Python',
      language: 'python',
      code: [
        'from openai import OpenAI',
        '',
        `client = OpenAI(base_url="${baseUrl}", api_key="${apiKey}")`,
        'reply = client.chat.completions.create(',
        `    model="${exampleModel}",`,
        '    messages=[{"role": "user", "content": "Hello"}],',
        ')',
        'print(reply.choices[0].message.content)',
      ].join('\n'),
    },
    {
      id: 'openai-node',
      where: 'Node.js',
      language: 'javascript',
      code: [
        "import OpenAI from 'openai';",
        '',
        `const client = new OpenAI({ baseURL: '${baseUrl}', apiKey: '${apiKey}' });`,
        'const reply = await client.chat.completions.create({',
        `  model: '${exampleModel}',`,
        "  messages: [{ role: 'user', content: 'Hello' }],",
        '});',
        'console.log(reply.choices[0].message.content);',
      ].join('\n'),
    },
    {
      id: 'claude-code',
      where: 'terminal',
      language: 'shell',
      code: [`export ANTHROPIC_BASE_URL=${origin}`, `export ANTHROPIC_API_KEY=${apiKey}`, 'claude'].join('\n'),
    },
    {
      id: 'codex',
      where: '~/.codex/config.toml',
      language: 'toml',
      code: [
        // As the README recommends: a model Codex knows, so it offers apply_patch and reasoning settings (mapped upstream).
        'model = "gpt-5.5"',
        'model_provider = "skyport"',
        '',
        '[model_providers.skyport]',
        'name = "Skyport"',
        `base_url = "${baseUrl}"`,
        'env_key = "SKYPORT_API_KEY"',
        'wire_api = "responses"',
        '# supports_websockets = true   # optional: all turns over one WebSocket',
        '',
        '# then, in the terminal:',
        `# export SKYPORT_API_KEY=${apiKey}`,
        '# codex',
      ].join('\n'),
    },
  ];
}
