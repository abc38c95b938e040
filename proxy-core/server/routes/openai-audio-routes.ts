/**
 * OpenAI audio transcriptions, `POST /v1/audio/transcriptions` (a form with the audio file),
 * served by a Gemini model listening to the audio. `whisper-*` maps to gemini-3-flash by default.
 */
import type { Router } from 'express';
import { collectTranscript, encodeOpenAITranscription } from '../../protocols/openai/audio/collect-transcript.js';
import { convertOpenAITranscriptionToGemini } from '../../protocols/openai/audio/convert-openai-transcription-to-gemini.js';
import { parseOpenAITranscriptionForm } from '../../protocols/openai/audio/parse-openai-transcription-form.js';
import type { GatewayContext } from '../gateway-context.js';
import { abortOnClose, httpRequestRecord } from '../http-request-record.js';
import { maxBodyBytes } from '../middleware/parse-json-body.js';
import { readMultipartForm } from '../read-multipart-form.js';
import { resolveRequestTarget } from '../resolve-request-target.js';
import type { RouteCatalog } from '../route-catalog.js';
import { sendJson } from '../send-json.js';
import { startGeneration } from '../start-generation.js';

/** What `model` means when the form has none: the name every OpenAI client sends. */
export const defaultTranscriptionModel = 'whisper-1';

export function registerOpenAIAudioRoutes(router: Router, catalog: RouteCatalog, context: GatewayContext): void {
  router.post('/v1/audio/transcriptions', async (request, response) => {
    const fields = await readMultipartForm(request, response, maxBodyBytes(context.settings().proxy));
    const body = parseOpenAITranscriptionForm(fields);
    const record = httpRequestRecord(response);
    // A transcription never searches the web: no tools to report.
    const target = resolveRequestTarget(context, record, body.model ?? defaultTranscriptionModel, undefined);
    const abort = abortOnClose(response);
    const result = await startGeneration(context, { ...record, signal: abort.signal }, { target, request: convertOpenAITranscriptionToGemini(body, target.model) });
    const { text, usage } = await collectTranscript(result.events);
    if (body.responseFormat === 'text') {
      response.statusCode = 200;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end(`${text}\n`);
      return;
    }
    sendJson(response, 200, encodeOpenAITranscription(text, usage));
  });
  catalog.add('POST', '/v1/audio/transcriptions');
}
