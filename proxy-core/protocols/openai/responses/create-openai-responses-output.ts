/**
 * The state machine behind both Responses answers: canonical generation events in, Responses
 * stream events out (https://platform.openai.com/docs/api-reference/responses-streaming), with
 * the `response` object built along the way. The stream encoder sends the events; the collector
 * keeps only the final response. One output item is open at a time, as in OpenAI's streams:
 * - reasoning deltas: a `reasoning` item with one summary part (the full reasoning text, so a
 *   client that sends it back replays exactly what the upstream signed);
 * - text (and generated images, as markdown, and Google Search's sources): an assistant `message`
 *   with one `output_text` part;
 * - each tool call: a `function_call`, `custom_tool_call` or `local_shell_call` item, by what the
 *   upstream function stands for (prepare-openai-responses-tools.ts). Gemini sends calls whole,
 *   so the arguments come as one delta.
 * The signatures of a turn go into its reasoning item's `encrypted_content`
 * (reasoning-encrypted-content.ts), which is shown only when the client asked for it but always
 * kept in `storedOutput` for `previous_response_id`. A Gemini call signed without any reasoning
 * before it gets an empty reasoning item to carry its signature, when the client asked for it.
 * Finish: `length` and `content_filter` end as `response.incomplete`, the rest as
 * `response.completed`; failures as `response.failed`, never as a clean end.
 */
import type { GatewayError } from '../../../errors/gateway-error.js';
import type { ModelFamily } from '../../../signatures/model-family.js';
import type { FinishReason, GenerationEvent, TokenUsage } from '../../../canonical/generation-event.js';
import { formatGroundingSources } from '../../shared/format-grounding-sources.js';
import { formatInlineImage } from '../../shared/format-inline-image.js';
import { isPlainObject } from '../../shared/is-plain-object.js';
import { renderOpenAIError } from '../render-openai-error.js';
import { convertOpenAIResponsesUsage } from './convert-openai-responses-usage.js';
import type {
  OpenAIResponsesMessageItem,
  OpenAIResponsesOutputItem,
  OpenAIResponsesReasoningItem,
  OpenAIResponsesResponse,
  OpenAIResponsesStreamEvent,
} from './openai-responses-response-types.js';
import type { OpenAIResponsesToolTarget } from './prepare-openai-responses-tools.js';
import { encodeReasoningEncryptedContent } from './reasoning-encrypted-content.js';

export type OpenAIResponsesItemPrefix = 'msg' | 'rs' | 'fc' | 'ctc' | 'lsh';

export interface OpenAIResponsesOutputOptions {
  /** The fields of the `response` object that do not change while it is generated. */
  response: Omit<OpenAIResponsesResponse, 'status' | 'error' | 'incomplete_details' | 'output' | 'usage'>;
  toolTargets: ReadonlyMap<string, OpenAIResponsesToolTarget>;
  family: ModelFamily;
  /** `include: ["reasoning.encrypted_content"]`. */
  includeEncryptedContent: boolean;
  /** `msg_...`, `rs_...`, ... */
  createItemId: (prefix: OpenAIResponsesItemPrefix) => string;
  /** Google Search's sources as text after the answer (shared/format-grounding-sources.ts: not for a JSON-only answer). */
  sourcesAsText: boolean;
}

export interface OpenAIResponsesResult {
  response: OpenAIResponsesResponse;
  /** The output items with their `encrypted_content`, whatever the client asked to see. */
  storedOutput: OpenAIResponsesOutputItem[];
}

type OpenItem =
  | { kind: 'reasoning'; index: number; item: OpenAIResponsesReasoningItem; text: string; summaryOpen: boolean; signature?: string; calls: Record<string, string> }
  | { kind: 'message'; index: number; item: OpenAIResponsesMessageItem; text: string };

type Events = OpenAIResponsesStreamEvent[];

export function createOpenAIResponsesOutput(options: OpenAIResponsesOutputOptions) {
  const output: OpenAIResponsesOutputItem[] = [];
  let open: OpenItem | undefined;
  let usage: TokenUsage | undefined;
  let result: OpenAIResponsesResult | undefined;

  /** A copy as the client sees it now: items change after an event that shows them was made. */
  const present = (item: OpenAIResponsesOutputItem): OpenAIResponsesOutputItem => {
    const copy = structuredClone(item);
    if (copy.type === 'reasoning' && !options.includeEncryptedContent) delete copy.encrypted_content;
    return copy;
  };
  const snapshot = (fields: Pick<OpenAIResponsesResponse, 'status' | 'error' | 'incomplete_details'>): OpenAIResponsesResponse => ({
    ...options.response,
    ...fields,
    output: output.map(present),
    usage: usage === undefined ? null : convertOpenAIResponsesUsage(usage),
  });
  const add = (item: OpenAIResponsesOutputItem): number => output.push(item) - 1;
  const added = (index: number): OpenAIResponsesStreamEvent => ({ type: 'response.output_item.added', output_index: index, item: present(output[index] as OpenAIResponsesOutputItem) });
  const done = (index: number): OpenAIResponsesStreamEvent => ({ type: 'response.output_item.done', output_index: index, item: present(output[index] as OpenAIResponsesOutputItem) });

  function openReasoning(events: Events): Extract<OpenItem, { kind: 'reasoning' }> {
    if (open?.kind === 'reasoning') return open;
    close(events);
    const item: OpenAIResponsesReasoningItem = { type: 'reasoning', id: options.createItemId('rs'), summary: [] };
    const opened = { kind: 'reasoning' as const, index: add(item), item, text: '', summaryOpen: false, calls: {} };
    open = opened;
    events.push(added(opened.index));
    return opened;
  }

  function openMessage(events: Events): Extract<OpenItem, { kind: 'message' }> {
    if (open?.kind === 'message') return open;
    close(events);
    const item: OpenAIResponsesMessageItem = { type: 'message', id: options.createItemId('msg'), status: 'in_progress', role: 'assistant', content: [] };
    const opened = { kind: 'message' as const, index: add(item), item, text: '' };
    open = opened;
    events.push(added(opened.index), {
      type: 'response.content_part.added',
      item_id: item.id,
      output_index: opened.index,
      content_index: 0,
      part: { type: 'output_text', text: '', annotations: [] },
    });
    return opened;
  }

  function close(events: Events): void {
    const closing = open;
    if (closing === undefined) return;
    open = undefined;
    if (closing.kind === 'message') {
      const { index, item } = closing;
      const part = { type: 'output_text' as const, text: closing.text, annotations: [] as [] };
      item.content = [part];
      item.status = 'completed';
      events.push(
        { type: 'response.output_text.done', item_id: item.id, output_index: index, content_index: 0, text: closing.text, logprobs: [] },
        { type: 'response.content_part.done', item_id: item.id, output_index: index, content_index: 0, part },
        done(index),
      );
      return;
    }
    const { index, item } = closing;
    if (closing.summaryOpen) {
      const part = { type: 'summary_text' as const, text: closing.text };
      item.summary = [part];
      events.push(
        { type: 'response.reasoning_summary_text.done', item_id: item.id, output_index: index, summary_index: 0, text: closing.text },
        { type: 'response.reasoning_summary_part.done', item_id: item.id, output_index: index, summary_index: 0, part },
      );
    }
    if (options.family !== 'other' && (closing.signature !== undefined || Object.keys(closing.calls).length > 0)) {
      item.encrypted_content = encodeReasoningEncryptedContent({
        family: options.family,
        ...(closing.signature === undefined ? {} : { reasoning: closing.signature }),
        calls: closing.calls,
      });
    }
    events.push(done(index));
  }

  function appendText(text: string, events: Events): void {
    const message = openMessage(events);
    message.text += text;
    events.push({ type: 'response.output_text.delta', item_id: message.item.id, output_index: message.index, content_index: 0, delta: text, logprobs: [] });
  }

  function appendReasoning(text: string, events: Events): void {
    const reasoning = openReasoning(events);
    const { id } = reasoning.item;
    if (!reasoning.summaryOpen) {
      reasoning.summaryOpen = true;
      events.push({ type: 'response.reasoning_summary_part.added', item_id: id, output_index: reasoning.index, summary_index: 0, part: { type: 'summary_text', text: '' } });
    }
    reasoning.text += text;
    events.push({ type: 'response.reasoning_summary_text.delta', item_id: id, output_index: reasoning.index, summary_index: 0, delta: text });
  }

  function addToolCall(event: Extract<GenerationEvent, { type: 'tool-call' }>, events: Events): void {
    if (event.signature !== undefined && options.family !== 'other') {
      // The signature belongs to the turn's reasoning; without any, an empty item carries it.
      const carrier = open?.kind === 'reasoning' ? open : options.includeEncryptedContent ? openReasoning(events) : undefined;
      if (carrier !== undefined) carrier.calls[event.id] = event.signature;
    }
    close(events);
    const target = options.toolTargets.get(event.name) ?? { kind: 'function', name: event.name };
    const namespace = target.kind !== 'local_shell' && target.namespace ? { namespace: target.namespace } : {};
    if (target.kind === 'function') {
      const args = JSON.stringify(event.arguments);
      const index = add({ type: 'function_call', id: options.createItemId('fc'), call_id: event.id, name: target.name, ...namespace, arguments: '', status: 'in_progress' });
      const item = output[index] as Extract<OpenAIResponsesOutputItem, { type: 'function_call' }>;
      events.push(added(index), { type: 'response.function_call_arguments.delta', item_id: item.id, output_index: index, delta: args });
      Object.assign(item, { arguments: args, status: 'completed' });
      events.push({ type: 'response.function_call_arguments.done', item_id: item.id, output_index: index, name: target.name, arguments: args }, done(index));
      return;
    }
    if (target.kind === 'custom') {
      const input = typeof event.arguments.input === 'string' ? event.arguments.input : JSON.stringify(event.arguments);
      const index = add({ type: 'custom_tool_call', id: options.createItemId('ctc'), call_id: event.id, name: target.name, ...namespace, input: '', status: 'in_progress' });
      const item = output[index] as Extract<OpenAIResponsesOutputItem, { type: 'custom_tool_call' }>;
      events.push(added(index), { type: 'response.custom_tool_call_input.delta', item_id: item.id, output_index: index, delta: input });
      Object.assign(item, { input, status: 'completed' });
      events.push({ type: 'response.custom_tool_call_input.done', item_id: item.id, output_index: index, input }, done(index));
      return;
    }
    const index = add({ type: 'local_shell_call', id: options.createItemId('lsh'), call_id: event.id, action: convertLocalShellAction(event.arguments), status: 'in_progress' });
    events.push(added(index));
    Object.assign(output[index] as OpenAIResponsesOutputItem, { status: 'completed' });
    events.push(done(index));
  }

  function finish(reason: FinishReason, finalUsage: TokenUsage, events: Events): void {
    close(events);
    usage = finalUsage;
    const incomplete = reason === 'length' ? 'max_output_tokens' : reason === 'content_filter' ? 'content_filter' : undefined;
    const response = snapshot({
      status: incomplete === undefined ? 'completed' : 'incomplete',
      error: null,
      incomplete_details: incomplete === undefined ? null : { reason: incomplete },
    });
    result = { response, storedOutput: output.map((item) => structuredClone(item)) };
    events.push({ type: incomplete === undefined ? 'response.completed' : 'response.incomplete', response });
  }

  return {
    /** The answer, once the upstream finished. */
    get result(): OpenAIResponsesResult | undefined {
      return result;
    },

    /** `response.created` and `response.in_progress`. */
    start(): Events {
      const response = snapshot({ status: 'in_progress', error: null, incomplete_details: null });
      return [
        { type: 'response.created', response },
        { type: 'response.in_progress', response },
      ];
    },

    apply(event: GenerationEvent): Events {
      const events: Events = [];
      switch (event.type) {
        case 'text-delta':
          if (event.text !== '') appendText(event.text, events);
          break;
        case 'inline-data':
          appendText(formatInlineImage(event.mimeType, event.data), events);
          break;
        case 'grounding': {
          // In the message's text, as the other protocols show it (no url_citation annotations).
          const sources = options.sourcesAsText ? formatGroundingSources(event.sources) : '';
          if (sources !== '') appendText(sources, events);
          break;
        }
        case 'reasoning-delta':
          if (event.text !== '') appendReasoning(event.text, events);
          break;
        case 'reasoning-signature':
          // Claude's signature closes its thinking; one on a text part (Gemini 3) is not needed back.
          if (open?.kind === 'reasoning') open.signature = event.signature;
          break;
        case 'tool-call':
          addToolCall(event, events);
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'finish':
          finish(event.reason, event.usage, events);
          break;
        case 'start':
          break;
      }
      return events;
    },

    /** `response.failed`: the items so far, the open one left incomplete. */
    fail(error: GatewayError): Events {
      if (open?.kind === 'message') {
        open.item.content = [{ type: 'output_text', text: open.text, annotations: [] }];
        open.item.status = 'incomplete';
      }
      open = undefined;
      // Codex reads the wait from this sentence (as OpenAI words it) before retrying.
      const text = renderOpenAIError(error).body.error.message;
      const retry = error.retryAfterSeconds === undefined ? '' : `${/[.!?]$/.test(text) ? '' : '.'} Please try again in ${Math.max(1, Math.ceil(error.retryAfterSeconds))}s.`;
      const message = `${text}${retry}`;
      const code = error.kind === 'rate_limit' ? 'rate_limit_exceeded' : 'server_error';
      return [{ type: 'response.failed', response: snapshot({ status: 'failed', error: { code, message }, incomplete_details: null }) }];
    },
  };
}

export type OpenAIResponsesOutput = ReturnType<typeof createOpenAIResponsesOutput>;

/** The model's `local_shell` arguments -> the exec action; a command given as one string runs in bash. */
function convertLocalShellAction(args: Record<string, unknown>): Extract<OpenAIResponsesOutputItem, { type: 'local_shell_call' }>['action'] {
  const command = Array.isArray(args.command)
    ? args.command.map(String)
    : typeof args.command === 'string'
      ? ['bash', '-lc', args.command]
      : [];
  return {
    type: 'exec',
    command,
    env: isPlainObject(args.env) ? Object.fromEntries(Object.entries(args.env).map(([key, value]) => [key, String(value)])) : {},
    ...(typeof args.workdir === 'string' ? { working_directory: args.workdir } : {}),
    ...(typeof args.timeout_ms === 'number' ? { timeout_ms: args.timeout_ms } : {}),
  };
}
