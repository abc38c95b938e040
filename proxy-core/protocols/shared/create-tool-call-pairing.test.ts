import { describe, expect, it } from 'vitest';
import type { GeminiContent } from '../../canonical/gemini-schemas.js';
import type { ModelFamily } from '../../signatures/model-family.js';
import { interruptedToolResult } from './append-gemini-turn.js';
import { createToolCallPairing, type ToolCall } from './create-tool-call-pairing.js';
import { createToolNameMapping } from './create-tool-name-mapping.js';

function pairing(family: ModelFamily) {
  const contents: GeminiContent[] = [];
  const unanswered: ToolCall[] = [];
  const pair = createToolCallPairing({ family, toolNames: createToolNameMapping(), contents, onUnanswered: (call) => unanswered.push(call) });
  /** A model turn with these calls, as a converter appends it. */
  const modelTurn = (...calls: Array<{ id: string; name: string }>) => {
    const made = calls.map(({ id, name }, index) => pair.callPart({ id, originalName: name, args: { n: index }, path: `messages[0].tool_calls[${index}]` }));
    contents.push({ role: 'model', parts: made.map(({ part }) => part) });
    pair.expectResults(made.map(({ call }) => call));
    return made.map(({ call }) => call);
  };
  return { pair, contents, unanswered, modelTurn };
}

describe('createToolCallPairing', () => {
  it('answers every call in call order, results before other user content, whatever order the results came in', () => {
    const { pair, contents, unanswered, modelTurn } = pairing('claude');
    const [first, second] = modelTurn({ id: 'toolu_1', name: 'mcp:fs/read' }, { id: 'toolu_2', name: 'Bash' }) as [ToolCall, ToolCall];
    pair.appendUserParts([{ text: 'also this' }]);
    pair.answer(second, { result: 'two' });
    pair.answer(first, { result: 'one' });
    pair.closeResults();
    expect(unanswered).toEqual([]);
    expect(contents).toEqual([
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'mcp:fs_read', args: { n: 0 }, id: 'toolu_1' } },
          { functionCall: { name: 'Bash', args: { n: 1 }, id: 'toolu_2' } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'mcp:fs_read', response: { result: 'one' }, id: 'toolu_1' } },
          { functionResponse: { name: 'Bash', response: { result: 'two' }, id: 'toolu_2' } },
          { text: 'also this' },
        ],
      },
    ]);
    // The signature pass finds each call's client id by its part.
    expect([...pair.callIds.values()]).toEqual(['toolu_1', 'toolu_2']);
  });

  it('sends Gemini no call ids, and answers a call left without a result with a placeholder, telling the protocol', () => {
    const { pair, contents, unanswered, modelTurn } = pairing('gemini');
    const [first, second] = modelTurn({ id: 'call_1', name: 'read' }, { id: 'call_2', name: 'read' }) as [ToolCall, ToolCall];
    pair.answer(first, { result: 'done' });
    pair.closeResults();
    expect(unanswered).toEqual([second]);
    expect(contents.at(-1)).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'read', response: { result: 'done' } } }, { functionResponse: { name: 'read', response: { result: interruptedToolResult } } }],
    });
  });

  it('finds open calls by id or by the first unanswered one of a name, and knows which are answered', () => {
    const { pair, modelTurn } = pairing('gemini');
    expect(pair.openCall('call_1')).toBeUndefined();
    const [first, second] = modelTurn({ id: 'call_1', name: 'read' }, { id: 'call_2', name: 'read' }) as [ToolCall, ToolCall];
    expect(pair.openCall('call_2')).toBe(second);
    expect(pair.openCall('call_9')).toBeUndefined();
    expect(pair.firstUnansweredCall('read')).toBe(first);
    pair.answer(first, { result: 'a' });
    expect([pair.isAnswered(first), pair.isAnswered(second)]).toEqual([true, false]);
    expect(pair.firstUnansweredCall('read')).toBe(second);
    expect(pair.firstUnansweredCall('write')).toBeUndefined();
    pair.closeResults();
    // Once the tool turn is over, nothing is open.
    expect(pair.openCall('call_2')).toBeUndefined();
    expect(pair.isAnswered(first)).toBe(false);
  });

  it('appends user content as a turn of its own when no tool turn is open, merged into the previous user turn', () => {
    const { pair, contents } = pairing('gemini');
    pair.appendUserParts([{ text: 'hi' }]);
    pair.appendUserParts([{ text: 'again' }]);
    pair.expectResults([]);
    pair.closeResults();
    expect(contents).toEqual([{ role: 'user', parts: [{ text: 'hi' }, { text: 'again' }] }]);
  });
});
