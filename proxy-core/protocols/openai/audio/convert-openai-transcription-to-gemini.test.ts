import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../errors/gateway-error.js';
import { safetySettingsOff } from '../../gemini/safety-settings-off.js';
import { convertOpenAITranscriptionToGemini, transcriptionInstruction } from './convert-openai-transcription-to-gemini.js';
import { parseOpenAITranscriptionForm } from './parse-openai-transcription-form.js';

const audio = { name: 'memo.m4a', type: '', data: Buffer.from('audio') };

describe('parseOpenAITranscriptionForm', () => {
  it('reads the file, its type from the name, and the text fields', () => {
    expect(parseOpenAITranscriptionForm({ file: [audio], model: ['whisper-1'], temperature: ['0.2'], prompt: ['  '] })).toEqual({
      model: 'whisper-1',
      temperature: 0.2,
      responseFormat: 'json',
      audio: { mimeType: 'audio/mp4', data: Buffer.from('audio').toString('base64'), name: 'memo.m4a' },
    });
  });

  it.each([
    [{ file: [audio], response_format: ['vtt'] }, 'response_format', /needs timestamps/],
    [{ file: [audio], 'timestamp_granularities[]': ['word'] }, 'timestamp_granularities', /not supported/],
    [{ file: [audio], stream: ['true'] }, 'stream', /not supported/],
    [{ file: [audio], temperature: ['2'] }, 'temperature', /must be <= 1/],
    [{ file: [audio, audio] }, 'file', /one audio file/],
    [{ file: [{ ...audio, data: Buffer.alloc(0) }] }, 'file', /is empty/],
    [{ file: [{ ...audio, name: 'blob' }] }, 'file', /not an audio file/],
  ])('refuses %j', (fields, param, message) => {
    let error: unknown;
    try {
      parseOpenAITranscriptionForm(fields);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).param).toBe(param);
    expect((error as GatewayError).message).toMatch(message);
  });
});

describe('convertOpenAITranscriptionToGemini', () => {
  const request = parseOpenAITranscriptionForm({ file: [audio] });

  it('sends the audio, then the instruction; no thoughts shown on a thinking model', () => {
    expect(convertOpenAITranscriptionToGemini(request, 'gemini-3-flash')).toEqual({
      contents: [{ role: 'user', parts: [{ inlineData: { mimeType: 'audio/mp4', data: request.audio.data } }, { text: transcriptionInstruction }] }],
      safetySettings: [...safetySettingsOff],
      generationConfig: { thinkingConfig: { includeThoughts: false, thinkingLevel: 'minimal' } },
    });
  });

  it('has no generationConfig for a model that does not think, when nothing else is asked', () => {
    expect(convertOpenAITranscriptionToGemini(request, 'claude-sonnet-4-5')).not.toHaveProperty('generationConfig');
  });
});
