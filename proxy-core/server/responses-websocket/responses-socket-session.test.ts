import { describe, expect, it } from 'vitest';
import { ResponsesSocketSession, TurnRefused, type RunTurn } from './responses-socket-session.js';

interface Call {
  body: Record<string, unknown>;
}

/** A stand-in for the endpoint: answers each turn with created, one message item, completed. */
function endpoint(): { runTurn: RunTurn; calls: Call[] } {
  const calls: Call[] = [];
  let count = 0;
  const runTurn: RunTurn = async function* (body) {
    calls.push({ body });
    count += 1;
    const id = `resp_${count}`;
    yield JSON.stringify({ type: 'response.created', response: { id } });
    yield JSON.stringify({ type: 'response.output_item.done', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `answer ${count}` }] } });
    yield JSON.stringify({ type: 'response.completed', response: { id } });
  };
  return { runTurn, calls };
}

function session(runTurn: RunTurn) {
  const sent: Array<Record<string, unknown>> = [];
  const value = new ResponsesSocketSession({ runTurn, send: (text) => sent.push(JSON.parse(text) as Record<string, unknown>), now: () => 1_700_000_000_000 });
  return { session: value, sent };
}

describe('ResponsesSocketSession', () => {
  it('streams each turn as the endpoint answers it, one turn after the other', async () => {
    const { runTurn, calls } = endpoint();
    const { session: socket, sent } = session(runTurn);
    socket.receive(JSON.stringify({ type: 'response.create', model: 'gemini-3-flash', input: 'one' }));
    socket.receive(JSON.stringify({ type: 'response.create', model: 'gemini-3-flash', input: 'two' }));
    await socket.settled();
    expect(sent.map((event) => event.type)).toEqual([
      'response.created',
      'response.output_item.done',
      'response.completed',
      'response.created',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(calls.map((call) => call.body)).toEqual([
      { model: 'gemini-3-flash', input: 'one', stream: true },
      { model: 'gemini-3-flash', input: 'two', stream: true },
    ]);
  });

  it('rebuilds the input of a turn that names an earlier turn of the socket, store:false included', async () => {
    const { runTurn, calls } = endpoint();
    const { session: socket } = session(runTurn);
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', store: false, input: 'first question' }));
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', store: false, previous_response_id: 'resp_1', input: [{ type: 'message', role: 'user', content: 'and then?' }] }));
    await socket.settled();
    expect(calls[1]?.body).toEqual({
      model: 'm',
      store: false,
      stream: true,
      input: [
        { type: 'message', role: 'user', content: 'first question' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'answer 1' }] },
        { type: 'message', role: 'user', content: 'and then?' },
      ],
    });
  });

  it('answers a warm-up (generate:false) itself, and the next turn builds on it', async () => {
    const { runTurn, calls } = endpoint();
    const { session: socket, sent } = session(runTurn);
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', generate: false, instructions: 'Be brief.', input: [{ type: 'message', role: 'developer', content: 'ctx' }] }));
    await socket.settled();
    expect(calls).toHaveLength(0);
    expect(sent.map((event) => event.type)).toEqual(['response.created', 'response.completed']);
    const warmUpId = (sent[1]?.response as { id: string }).id;
    expect(warmUpId).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(sent[1]?.response).toMatchObject({ status: 'completed', output: [], model: 'm' });

    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', instructions: 'Be brief.', previous_response_id: warmUpId, input: 'go' }));
    await socket.settled();
    expect(calls[0]?.body.input).toEqual([
      { type: 'message', role: 'developer', content: 'ctx' },
      { type: 'message', role: 'user', content: 'go' },
    ]);
    expect(calls[0]?.body).not.toHaveProperty('previous_response_id');
    expect(calls[0]?.body).not.toHaveProperty('generate');
  });

  it('leaves an id it never made to the endpoint', async () => {
    const { runTurn, calls } = endpoint();
    const { session: socket } = session(runTurn);
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', previous_response_id: 'resp_stored_over_http', input: 'x' }));
    await socket.settled();
    expect(calls[0]?.body).toMatchObject({ previous_response_id: 'resp_stored_over_http', input: 'x' });
  });

  it('sends a refusal as one error message with the status, and the socket goes on', async () => {
    const refusing: RunTurn = async function* () {
      yield* [];
      throw new TurnRefused(404, { type: 'not_found_error', code: 'previous_response_not_found', message: 'gone', param: 'previous_response_id' });
    };
    const { session: socket, sent } = session(refusing);
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', previous_response_id: 'resp_x', input: 'x' }));
    socket.receive('not json');
    socket.receive(JSON.stringify({ type: 'response.cancel' }));
    socket.receive(JSON.stringify({ type: 'response.processed', response_id: 'resp_x' }));
    await socket.settled();
    expect(sent).toEqual([
      { type: 'error', status: 404, error: { type: 'not_found_error', code: 'previous_response_not_found', message: 'gone', param: 'previous_response_id' } },
      { type: 'error', status: 400, error: { type: 'invalid_request_error', code: null, message: 'Each message must be a JSON object.', param: null } },
      {
        type: 'error',
        status: 400,
        error: { type: 'invalid_request_error', code: 'unsupported_message_type', message: 'Unsupported message type "response.cancel"; send "response.create".', param: 'type' },
      },
    ]);
  });

  it('answers a turn that breaks with a 500 message, and serves the next one', async () => {
    let calls = 0;
    const flaky: RunTurn = async function* () {
      calls += 1;
      if (calls === 1) throw new Error('loopback refused');
      yield JSON.stringify({ type: 'response.completed', response: { id: 'resp_2' } });
    };
    const sent: string[] = [];
    let failSend = true;
    const socket = new ResponsesSocketSession({
      runTurn: flaky,
      send: (text) => {
        if (failSend && text.includes('"status":502')) {
          failSend = false;
          throw new Error('socket gone');
        }
        sent.push(text);
      },
      now: () => 0,
    });
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', input: 'x' }));
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', input: 'y' }));
    await socket.settled();
    expect(sent.map((text) => JSON.parse(text) as { type: string; status?: number })).toEqual([
      { type: 'error', status: 500, error: { type: 'server_error', code: null, message: 'Internal gateway error', param: null } },
      { type: 'response.completed', response: { id: 'resp_2' } },
    ]);
  });

  it('stops the running turn and drops queued ones when the client goes away', async () => {
    let signalSeen: AbortSignal | undefined;
    let release: () => void = () => undefined;
    const slow: RunTurn = async function* (_body, signal) {
      signalSeen = signal;
      yield JSON.stringify({ type: 'response.created', response: { id: 'resp_1' } });
      await new Promise<void>((resolve) => (release = resolve));
      yield JSON.stringify({ type: 'response.completed', response: { id: 'resp_1' } });
    };
    const { session: socket, sent } = session(slow);
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', input: 'x' }));
    socket.receive(JSON.stringify({ type: 'response.create', model: 'm', input: 'y' }));
    await new Promise((resolve) => setImmediate(resolve));
    socket.close();
    release();
    await socket.settled();
    expect(signalSeen?.aborted).toBe(true);
    expect(sent.map((event) => event.type)).toEqual(['response.created']);
  });
});
