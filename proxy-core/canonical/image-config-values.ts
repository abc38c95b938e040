/**
 * The values Gemini's `generationConfig.imageConfig` takes
 * (https://ai.google.dev/gemini-api/docs/image-generation): image models refuse anything else.
 */
import { z } from 'zod';

export const imageSizes = ['1K', '2K', '4K'] as const;
export const imageAspectRatios = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

export type ImageAspectRatio = (typeof imageAspectRatios)[number];
export type ImageSize = (typeof imageSizes)[number];

/** `1k` and `1K` alike. */
export const imageSizeSchema = z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(imageSizes));
export const imageAspectRatioSchema = z.enum(imageAspectRatios);
