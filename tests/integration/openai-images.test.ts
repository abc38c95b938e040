/** The official `openai` client's Images API against the real gateway and the fake Google. */
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidArgumentError } from '../fakes/fake-google-errors.js';
import { FAKE_IMAGE_PNG_BASE64 } from '../fakes/fake-google-replies.js';
import { startTestGateway, testAccount, type TestGateway } from './start-test-gateway.js';

let world: TestGateway;
let client: OpenAI;

const withImageModel = () => testAccount({ quotas: { 'gemini-3-pro-image': { remainingFraction: 1 }, 'gemini-3-flash': { remainingFraction: 1 } } });

beforeAll(async () => {
  world = await startTestGateway({ accounts: [withImageModel(), withImageModel()] });
  client = new OpenAI({ baseURL: world.baseUrl, apiKey: world.apiKey, maxRetries: 0 });
});
afterAll(async () => {
  await world.close();
});

interface SentEnvelope {
  model: string;
  requestType: string;
  request: { contents: unknown[]; generationConfig: { imageConfig?: unknown } };
}

/** The generate envelopes the fake received during `run`. */
async function sentDuring(run: () => Promise<unknown>): Promise<SentEnvelope[]> {
  const before = world.fake.requestsTo('streamGenerateContent').length;
  await run();
  return world.fake.requestsTo('streamGenerateContent').slice(before).map((request) => request.body as SentEnvelope);
}

describe('images.generate', () => {
  it('makes n images, one upstream call each, with the size and ratio asked for', async () => {
    let answer: OpenAI.ImagesResponse | undefined;
    let mappedModel: string | null = null;
    const sent = await sentDuring(async () => {
      const { data, response } = await client.images
        .generate({ model: 'gemini-3-pro-image', prompt: 'A lighthouse at dusk', n: 2, size: '1792x1024', quality: 'hd' })
        .withResponse();
      answer = data;
      mappedModel = response.headers.get('x-mapped-model');
    });
    expect(answer?.data).toEqual([{ b64_json: FAKE_IMAGE_PNG_BASE64 }, { b64_json: FAKE_IMAGE_PNG_BASE64 }]);
    expect(Buffer.from(answer?.data?.[0]?.b64_json ?? '', 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(answer?.usage?.output_tokens).toBeGreaterThan(0);
    expect(mappedModel).toBe('gemini-3-pro-image');
    expect(sent).toHaveLength(2);
    for (const envelope of sent) {
      expect(envelope).toMatchObject({ model: 'gemini-3-pro-image', requestType: 'image_gen' });
      expect(envelope.request.generationConfig).toEqual({ candidateCount: 1, imageConfig: { aspectRatio: '16:9', imageSize: '4K' } });
      expect(envelope.request.contents).toEqual([{ role: 'user', parts: [{ text: 'A lighthouse at dusk' }] }]);
      expect(envelope.request).not.toHaveProperty('tools');
      expect(envelope.request).not.toHaveProperty('systemInstruction');
    }
  });

  it('maps dall-e names to the image model, reads model suffixes, and answers url as a data URL', async () => {
    const { data, response } = await client.images.generate({ model: 'dall-e-3', prompt: 'A fox', response_format: 'url' }).withResponse();
    expect(data.data).toEqual([{ url: `data:image/png;base64,${FAKE_IMAGE_PNG_BASE64}` }]);
    expect(response.headers.get('x-mapped-model')).toBe('gemini-3-pro-image');

    const sent = await sentDuring(() => client.images.generate({ model: 'gemini-3-pro-image-9x16-2k', prompt: 'A tall tower' }));
    expect(sent[0]?.model).toBe('gemini-3-pro-image');
    expect(sent[0]?.request.generationConfig.imageConfig).toEqual({ aspectRatio: '9:16', imageSize: '2K' });
  });

  it('answers the images it got when some of the calls fail', async () => {
    world.fake.enqueue(invalidArgumentError('Request contains an invalid argument.'));
    const answer = await client.images.generate({ model: 'gemini-3-pro-image', prompt: 'Three cats', n: 3 });
    expect(answer.data).toHaveLength(2);
    expect(world.logLines.some((line) => line.includes('images: 1 of 3 upstream calls failed; answering with the 2 image(s) made'))).toBe(true);
  });

  it('answers the upstream failure when every call fails', async () => {
    world.fake.enqueue(invalidArgumentError('Request contains an invalid argument.'));
    const error: unknown = await client.images.generate({ model: 'gemini-3-pro-image', prompt: 'One cat' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('invalid argument');
  });

  it('turns a safety refusal into content_policy_violation', async () => {
    world.fake.enqueue({ kind: 'text', text: 'I cannot make that image.', finishReason: 'IMAGE_SAFETY' });
    const error: unknown = await client.images.generate({ prompt: 'Something refused' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const refused = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(refused.code).toBe('content_policy_violation');
    expect(refused.message).toContain('I cannot make that image.');
  });

  it('draws in chat too, as a markdown data-URI image in the message, model suffixes included', async () => {
    let mappedModel: string | null = null;
    const sent = await sentDuring(async () => {
      const { data: completion, response } = await client.chat.completions
        .create({ model: 'gemini-3-pro-image-16x9-2k', messages: [{ role: 'user', content: 'Draw a cat' }] })
        .withResponse();
      expect(completion.choices[0]?.message.content).toBe(`![image](data:image/png;base64,${FAKE_IMAGE_PNG_BASE64})`);
      mappedModel = response.headers.get('x-mapped-model');
    });
    expect(mappedModel).toBe('gemini-3-pro-image');
    expect(sent[0]?.model).toBe('gemini-3-pro-image');
    expect(sent[0]?.requestType).toBe('image_gen');
    expect(sent[0]?.request.generationConfig.imageConfig).toEqual({ aspectRatio: '16:9', imageSize: '2K' });
  });

  it.each([
    [{ prompt: '' }, 'prompt'],
    [{ prompt: 'A cat', n: 20 }, 'n'],
    [{ prompt: 'A cat', size: 'huge' }, 'size'],
    [{ prompt: 'A cat', model: 'gemini-3-flash' }, 'model'],
  ])('refuses %j with a 400 naming the parameter', async (body, param) => {
    const error: unknown = await client.images.generate(body as OpenAI.Images.ImageGenerateParamsNonStreaming).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
  });
});

describe('images.edit', () => {
  const png = Buffer.from(FAKE_IMAGE_PNG_BASE64, 'base64');

  it('sends the images, then the mask, then the prompt that says what the mask means', async () => {
    const sent = await sentDuring(async () => {
      const answer = await client.images.edit({
        model: 'gpt-image-1',
        image: [await toFile(png, 'room.png', { type: 'image/png' }), await toFile(png, 'lamp.webp', { type: 'image/webp' })],
        mask: await toFile(png, 'mask.png', { type: 'image/png' }),
        prompt: 'Put the lamp in the room',
        size: '1024x1536',
      });
      expect(answer.data).toEqual([{ b64_json: FAKE_IMAGE_PNG_BASE64 }]);
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.model).toBe('gemini-3-pro-image');
    expect(sent[0]?.request.generationConfig.imageConfig).toEqual({ aspectRatio: '2:3' });
    expect(sent[0]?.request.contents).toEqual([
      {
        role: 'user',
        parts: [
          { inlineData: { mimeType: 'image/png', data: FAKE_IMAGE_PNG_BASE64 } },
          { inlineData: { mimeType: 'image/webp', data: FAKE_IMAGE_PNG_BASE64 } },
          { inlineData: { mimeType: 'image/png', data: FAKE_IMAGE_PNG_BASE64 } },
          { text: 'Put the lamp in the room\n\nThe last image is a mask: change only the areas where it is transparent and keep everything else as it is.' },
        ],
      },
    ]);
  });

  it('takes one image without a type by its name, and n', async () => {
    const answer = await client.images.edit({ image: await toFile(png, 'photo.jpg'), prompt: 'Make it night', n: 2 });
    expect(answer.data).toHaveLength(2);
  });

  it.each([
    ['no image', async () => ({ prompt: 'x' }), 'image'],
    ['a text file as the image', async () => ({ image: await toFile(Buffer.from('hello'), 'notes.txt', { type: 'text/plain' }), prompt: 'x' }), 'image'],
    ['no prompt', async () => ({ image: await toFile(png, 'a.png', { type: 'image/png' }) }), 'prompt'],
  ])('refuses %s with a 400 naming the parameter', async (_name, body, param) => {
    const params = (await body()) as unknown as OpenAI.Images.ImageEditParamsNonStreaming;
    const error: unknown = await client.images.edit(params).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
  });

  it('refuses a JSON body with a 400 that says to send a form', async () => {
    const response = await fetch(`${world.baseUrl}/images/edits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('multipart/form-data');
  });
});
