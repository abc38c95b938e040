/**
 * OpenAI Responses (https://platform.openai.com/docs/api-reference/responses/create) for the
 * gateway's one pipeline: `POST /v1/responses` and `/responses` over HTTP, and each
 * `response.create` of the Responses WebSocket. A response chained with `previous_response_id`
 * continues from `store` (one per app, shared by both transports): the stored conversation comes
 * first, the request's input after it, and the chain keeps its session key.
 */
import { GatewayError } from '../../../errors/gateway-error.js';
import { randomHex } from '../../../util/random-hex.js';
import { showsSourcesAsText } from '../../shared/format-grounding-sources.js';
import { mapAsyncIterable } from '../../../util/map-async-iterable.js';
import type { GenerationAdapter } from '../../endpoint-adapter.js';
import { renderOpenAIError } from '../render-openai-error.js';
import { collectOpenAIResponsesResponse } from './collect-openai-responses-response.js';
import { locateOpenAIResponsesInput, type LocatedResponsesItem } from './convert-openai-responses-input.js';
import { convertOpenAIResponsesToGemini, type ConvertedOpenAIResponsesRequest } from './convert-openai-responses-to-gemini.js';
import type { OpenAIResponsesResult } from './create-openai-responses-output.js';
import type { ResponseStore, StoredResponse } from './create-response-store.js';
import { deriveOpenAIResponsesSessionKey } from './derive-openai-responses-session-key.js';
import { echoOpenAIResponsesRequest } from './echo-openai-responses-request.js';
import { encodeOpenAIResponsesStream, formatOpenAIResponsesFrame, type EncodeOpenAIResponsesStreamOptions } from './encode-openai-responses-stream.js';
import { parseOpenAIResponsesInputItem, parseOpenAIResponsesRequest, type OpenAIResponsesRequest } from './openai-responses-request-schema.js';
import type { OpenAIResponsesSequencedEvent } from './openai-responses-response-types.js';
import { readOpenAIResponsesToolTraits } from './read-openai-responses-tool-traits.js';

/** A Responses request with the conversation it continues. */
export interface OpenAIResponsesCall {
  body: OpenAIResponsesRequest;
  previous: StoredResponse | undefined;
  /** The whole history: the stored items, then this request's input. */
  items: LocatedResponsesItem[];
}

const createId = (prefix: string) => `${prefix}_${randomHex(16)}`;

export type OpenAIResponsesAdapter = GenerationAdapter<OpenAIResponsesCall, ConvertedOpenAIResponsesRequest, EncodeOpenAIResponsesStreamOptions, OpenAIResponsesSequencedEvent>;

export function createOpenAIResponsesAdapter(store: ResponseStore): OpenAIResponsesAdapter {
  return {
    kind: 'generation',
    name: 'responses',
    renderError: renderOpenAIError,
    parse({ body: input }) {
      const body = parseOpenAIResponsesRequest(input);
      const previous = body.previous_response_id == null ? undefined : store.get(body.previous_response_id);
      if (body.previous_response_id != null && previous === undefined) {
        throw new GatewayError(
          'not_found',
          `Previous response with id '${body.previous_response_id}' not found. Skyport keeps stored responses in memory for 2 hours; send the conversation as input instead.`,
          { param: 'previous_response_id', code: 'previous_response_not_found' },
        );
      }
      const items: LocatedResponsesItem[] = [
        ...(previous?.items ?? []).map((item, index) => ({ item, path: `previous_response_id (item ${index})` })),
        ...locateOpenAIResponsesInput(body.input),
      ];
      return { body, previous, items };
    },
    model: (call) => call.body.model,
    tools: (call) => readOpenAIResponsesToolTraits(call.body.tools),
    convert: (call, target, signatures) =>
      convertOpenAIResponsesToGemini(call.body, call.items, { target, signatures }),
    stream: (call) => call.body.stream === true,
    sessionKey: (call) => call.previous?.sessionKey ?? deriveOpenAIResponsesSessionKey(call.body, call.items),
    createId: () => createId('resp'),
    answerOptions: ({ body, items }, converted, _target, ids) => ({
      response: echoOpenAIResponsesRequest(body, ids.id, ids.created),
      toolTargets: converted.toolTargets,
      family: converted.family,
      includeEncryptedContent: body.include?.includes('reasoning.encrypted_content') === true,
      createItemId: createId,
      sourcesAsText: showsSourcesAsText(converted.request),
      // The finished response is kept for a later `previous_response_id` (unless `store: false`).
      onResult({ storedOutput }: OpenAIResponsesResult) {
        if (body.store === false) return;
        const output = storedOutput.flatMap((item) => parseOpenAIResponsesInputItem(item) ?? []);
        store.save({ id: ids.id, items: [...items.map(({ item }) => item), ...output], sessionKey: ids.sessionKey });
      },
    }),
    encodeStream: encodeOpenAIResponsesStream,
    httpStream: (_call, frames) => ({ frames: mapAsyncIterable(frames, formatOpenAIResponsesFrame) }),
    async collect(events, options) {
      const collected = await collectOpenAIResponsesResponse(events, options);
      options.onResult?.(collected);
      return collected.response;
    },
  };
}
