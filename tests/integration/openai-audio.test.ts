/** The official `openai` client's audio transcriptions against the real gateway and the fake Google. */
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transcriptionInstruction } from '../../proxy-core/protocols/openai/audio/convert-openai-transcription-to-gemini.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  world = await startTestGateway();
  client = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

/** Not real speech: the fake does not listen, it answers from the text part. What matters is what reaches it. */
const audio = Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000fake mp3 frames', 'latin1');

function lastEnvelope(): { model: string; request: { contents: Array<{ parts: unknown[] }>; generationConfig?: Record<string, unknown> } } {
  return world.fake.requestsTo('streamGenerateContent').at(-1)?.body as ReturnType<typeof lastEnvelope>;
}

describe('audio.transcriptions', () => {
  it('sends the audio inline with the instruction, language and prompt, and answers json with usage', async () => {
    world.fake.enqueue({ kind: 'text', text: 'Hello there, this is Skyport.\n' });
    const { data, response } = await client.audio.transcriptions
      .create({ file: await toFile(audio, 'greeting.mp3', { type: 'audio/mpeg' }), model: 'whisper-1', language: 'en', prompt: 'Skyport', temperature: 0 })
      .withResponse();
    expect(data.text).toBe('Hello there, this is Skyport.');
    expect((data as OpenAI.Audio.Transcription).usage).toMatchObject({ type: 'tokens' });
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-flash');
    const sent = lastEnvelope();
    expect(sent.model).toBe('gemini-3-flash');
    expect(sent.request.contents).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'audio/mpeg', data: audio.toString('base64') } },
          {
            text: `${transcriptionInstruction}\nThe speech is in the language with code "en"; write it in that language.\nContext from the user, for names and spelling (do not transcribe it): Skyport`,
          },
        ],
      },
    ]);
    expect(sent.request.generationConfig).toMatchObject({ temperature: 0, thinkingConfig: { includeThoughts: false } });
  });

  it('answers text as plain text, and reads the type from the file name when none is sent', async () => {
    world.fake.enqueue({ kind: 'text', text: 'Just the words.' });
    const text = await client.audio.transcriptions.create({ file: await toFile(audio, 'memo.wav'), model: 'whisper-1', response_format: 'text' });
    expect(text).toBe('Just the words.\n');
    expect(lastEnvelope().request.contents[0]?.parts[0]).toEqual({ inlineData: { mimeType: 'audio/wav', data: audio.toString('base64') } });
  });

  it('refuses a form over the body limit with a 413, and a broken form with a 400, and goes on serving', async () => {
    await world.setSetting('proxy.max_body_mb', 1);
    try {
      const big = await client.audio.transcriptions
        .create({ file: await toFile(Buffer.alloc(2 * 1024 * 1024, 1), 'long.wav', { type: 'audio/wav' }), model: 'whisper-1' })
        .catch((thrown: unknown) => thrown);
      expect(big).toBeInstanceOf(OpenAI.APIError);
      expect((big as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    } finally {
      await world.setSetting('proxy.max_body_mb', 50);
    }
    // A body that says it is a form but is not one (the SDK cannot send this).
    const broken = await fetch(`${world.baseUrl}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.apiKey}`, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: 'no parts here',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toBe('The request body is not valid multipart/form-data.');
    world.fake.enqueue({ kind: 'text', text: 'Still here.' });
    expect((await client.audio.transcriptions.create({ file: await toFile(audio, 'a.mp3', { type: 'audio/mpeg' }), model: 'whisper-1' })).text).toBe('Still here.');
  });

  it.each([
    ['a file that is not audio', async () => ({ file: await toFile(Buffer.from('%PDF-1.4'), 'paper.pdf', { type: 'application/pdf' }), model: 'whisper-1' }), 'file'],
    ['timestamped subtitles', async () => ({ file: await toFile(audio, 'a.mp3', { type: 'audio/mpeg' }), model: 'whisper-1', response_format: 'srt' }), 'response_format'],
    ['a bad language code', async () => ({ file: await toFile(audio, 'a.mp3', { type: 'audio/mpeg' }), model: 'whisper-1', language: 'english!' }), 'language'],
    ['no file', async () => ({ model: 'whisper-1' }), 'file'],
  ])('refuses %s with a 400 naming the parameter', async (_name, body, param) => {
    const params = (await body()) as unknown as OpenAI.Audio.TranscriptionCreateParamsNonStreaming;
    const error: unknown = await client.audio.transcriptions.create(params).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
  });
});
