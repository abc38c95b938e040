import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { groundedAnswer as grounded, groundedSourcesText as sourcesText } from '../../shared/__fixtures__/grounded-answer.js';
import { readRecordedEvents, replayGenerationEvents } from '../../shared/__fixtures__/replay-generation-events.js';
import { collectOpenAIChatCompletion } from './collect-openai-chat-completion.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const toolNames = new Map([
  ['get_weather', 'get_weather'],
  ['mcp:fs_read_file', 'mcp:fs/read file'],
]);
const options = { id: 'chatcmpl-7f3c9a', model: 'gpt-4o', created: 1_760_000_000, toolNames, sourcesAsText: true };

describe('collectOpenAIChatCompletion', () => {
  it('puts Google Search sources in the content after the answer, except in a JSON-only answer', async () => {
    const contentOf = async (sourcesAsText: boolean) => (await collectOpenAIChatCompletion(replayGenerationEvents(grounded), { ...options, sourcesAsText })).choices[0]?.message.content;
    expect(await contentOf(true)).toBe(`Rome is sunny.${sourcesText}`);
    expect(await contentOf(false)).toBe('Rome is sunny.');
  });

  // <name>.events.json -> <name>.completion.json
  it.each(['text', 'tool-calls', 'tool-calls-only', 'length', 'content-filter', 'inline-image'])('%s', async (name) => {
    const completion = await collectOpenAIChatCompletion(replayGenerationEvents(readRecordedEvents(fixtures, name)), options);
    await expect(`${JSON.stringify(completion, null, 2)}\n`).toMatchFileSnapshot(join(fixtures, `${name}.completion.json`));
  });

  it('propagates a mid-stream failure as the GatewayError the decoder threw', async () => {
    const collecting = collectOpenAIChatCompletion(replayGenerationEvents(readRecordedEvents(fixtures, 'error-mid-stream')), options);
    await expect(collecting).rejects.toBeInstanceOf(GatewayError);
    await expect(collectOpenAIChatCompletion(replayGenerationEvents(readRecordedEvents(fixtures, 'error-mid-stream')), options)).rejects.toMatchObject({
      kind: 'timeout',
    });
  });

  it('treats a stream that ends without a finish as an upstream failure, not a short answer', async () => {
    await expect(collectOpenAIChatCompletion(replayGenerationEvents(readRecordedEvents(fixtures, 'truncated')), options)).rejects.toMatchObject({
      kind: 'upstream',
    });
  });
});
