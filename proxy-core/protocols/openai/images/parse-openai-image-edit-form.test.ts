import { describe, expect, it } from 'vitest';
import { maxEditImages, parseOpenAIImageEditForm } from './parse-openai-image-edit-form.js';

const image = (name: string, type = 'image/png') => ({ name, type, data: Buffer.from(name) });

describe('parseOpenAIImageEditForm', () => {
  it('reads the text fields as a generation request, the images in order and the mask', () => {
    const { request, edit } = parseOpenAIImageEditForm({ prompt: ['Add a hat'], n: ['2'], image: [image('a.png')], 'image[]': [image('b.jpg', '')], mask: [image('m.png')] });
    expect(request).toMatchObject({ prompt: 'Add a hat', n: 2 });
    expect(edit).toEqual({
      images: [
        { mimeType: 'image/png', data: Buffer.from('a.png').toString('base64') },
        { mimeType: 'image/jpeg', data: Buffer.from('b.jpg').toString('base64') },
      ],
      mask: { mimeType: 'image/png', data: Buffer.from('m.png').toString('base64') },
    });
  });

  it.each([
    [{ prompt: ['x'] }, "Missing required parameter: 'image'."],
    [{ prompt: ['x'], image: [image('a.gif', 'image/gif')] }, `Invalid 'image': "a.gif" must be a PNG, JPEG or WebP image.`],
    [{ prompt: ['x'], image: [image('a.png')], mask: [image('m.png'), image('n.png')] }, "Invalid 'mask': send one mask."],
    [{ prompt: ['x'], image: Array.from({ length: maxEditImages + 1 }, (_, index) => image(`${index}.png`)) }, `Invalid 'image': at most 16 images, got 17.`],
    [{ image: [image('a.png')] }, "Missing required parameter: 'prompt'."],
  ])('refuses %#', (fields, message) => {
    expect(() => parseOpenAIImageEditForm(fields)).toThrow(message);
  });
});
