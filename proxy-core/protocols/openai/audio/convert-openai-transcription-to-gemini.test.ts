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

  it('names the language, labels the prompt as context, and passes the temperature on', () => {
    const asked = parseOpenAITranscriptionForm({ file: [audio], language: ['fr'], prompt: ['Skyport, Gemini'], temperature: ['0.3'] });
    const converted = convertOpenAITranscriptionToGemini(asked, 'claude-sonnet-4-5');
    expect(converted.contents[0]?.parts[1]).toEqual({
      text: [
        transcriptionInstruction,
        'The speech is in the language with code "fr"; write it in that language.',
        'Context from the user, for names and spelling (do not transcribe it): Skyport, Gemini',
      ].join('\n'),
    });
    expect(converted.generationConfig).toEqual({ temperature: 0.3 });
  });

  it('keeps a temperature of 0 (the client asked for the most literal transcript)', () => {
    const asked = parseOpenAITranscriptionForm({ file: [audio], temperature: ['0'] });
    expect(convertOpenAITranscriptionToGemini(asked, 'gemini-3-flash').generationConfig).toEqual({
      temperature: 0,
      thinkingConfig: { includeThoughts: false, thinkingLevel: 'minimal' },
    });
  });
});
