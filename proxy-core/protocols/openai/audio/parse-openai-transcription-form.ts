/**
 * An OpenAI audio transcription (https://platform.openai.com/docs/api-reference/audio/createTranscription),
 * sent as a form: the audio `file` and text fields. What a language model cannot give honestly is
 * refused, not faked: `srt`, `vtt` and `verbose_json` need timestamps per segment, and
 * `timestamp_granularities` and `stream` ask for them or for events this endpoint does not make.
 */
import { z } from 'zod';
import { GatewayError } from '../../../errors/gateway-error.js';
import { formFiles, mediaTypeOf, textFieldsOf, type FormFields } from '../../shared/form-fields.js';
import { parseRequestBody } from '../../shared/parse-request-body.js';

const transcriptionFieldsSchema = z.looseObject({
  model: z.string().min(1).nullish(),
  prompt: z.string().nullish(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { message: 'must be a language code such as "en" or "pt-BR"' })
    .nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  response_format: z.enum(['json', 'text']).nullish(),
});

export interface OpenAITranscriptionRequest {
  model?: string;
  prompt?: string;
  language?: string;
  temperature?: number;
  responseFormat: 'json' | 'text';
  audio: { mimeType: string; data: string; name: string };
}

/** Audio Gemini reads (https://ai.google.dev/gemini-api/docs/audio), plus the containers OpenAI takes (mp4, webm). */
function isAudioType(mimeType: string): boolean {
  return mimeType.startsWith('audio/') || mimeType === 'video/mp4' || mimeType === 'video/webm' || mimeType === 'video/mpeg';
}

const timestampedFormats = new Set(['srt', 'vtt', 'verbose_json']);

export function parseOpenAITranscriptionForm(fields: FormFields): OpenAITranscriptionRequest {
  const text = textFieldsOf(fields, { numbers: ['temperature'], booleans: ['stream'] });
  if (typeof text.response_format === 'string' && timestampedFormats.has(text.response_format)) {
    throw new GatewayError('invalid_request', `Invalid 'response_format': "${text.response_format}" needs timestamps, which Skyport cannot give; use "json" or "text".`, {
      param: 'response_format',
    });
  }
  for (const param of ['timestamp_granularities[]', 'timestamp_granularities', 'stream'] as const) {
    if (text[param] !== undefined && text[param] !== false) {
      throw new GatewayError('invalid_request', `'${param.replace('[]', '')}' is not supported: transcripts come whole, without timestamps.`, { param: param.replace('[]', '') });
    }
  }
  const fieldValues = parseRequestBody(transcriptionFieldsSchema, text);
  const files = formFiles(fields, ['file']);
  const file = files[0];
  if (file === undefined) throw new GatewayError('invalid_request', "Missing required parameter: 'file'.", { param: 'file' });
  if (files.length > 1) throw new GatewayError('invalid_request', "Invalid 'file': send one audio file.", { param: 'file' });
  const mimeType = mediaTypeOf(file);
  if (mimeType === undefined || !isAudioType(mimeType)) {
    throw new GatewayError('invalid_request', `Invalid 'file': "${file.name}" is not an audio file Skyport can read (mp3, wav, m4a, ogg, flac, aac, aiff, webm, mp4).`, {
      param: 'file',
    });
  }
  if (file.data.length === 0) throw new GatewayError('invalid_request', `Invalid 'file': "${file.name}" is empty.`, { param: 'file' });
  return {
    ...(fieldValues.model == null ? {} : { model: fieldValues.model }),
    ...(fieldValues.prompt == null || fieldValues.prompt.trim() === '' ? {} : { prompt: fieldValues.prompt }),
    ...(fieldValues.language == null ? {} : { language: fieldValues.language }),
    ...(fieldValues.temperature == null ? {} : { temperature: fieldValues.temperature }),
    responseFormat: fieldValues.response_format ?? 'json',
    audio: { mimeType, data: file.data.toString('base64'), name: file.name },
  };
}
