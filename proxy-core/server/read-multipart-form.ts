/**
 * A `multipart/form-data` body (the OpenAI SDK's image edits and audio transcriptions), read with
 * the gateway's body limit (413) and parsed by the platform's own form parser (undici's
 * `Response.formData()`), into plain fields: text as strings, files as `FormFile`. A field sent
 * more than once (`image[]`) keeps every value. The request's `body` becomes a summary (files by
 * name, type and size), which is what a captured request log entry shows.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import { GatewayError } from '../errors/gateway-error.js';
import { isFormFile, type FormValue } from '../protocols/shared/form-fields.js';
import { isMultipartForm, tooLarge, unreadable } from './middleware/parse-json-body.js';

const rawParsers = new Map<number, ReturnType<typeof express.raw>>();

function readRawBody(request: IncomingMessage, response: ServerResponse, limit: number): Promise<Buffer> {
  let parser = rawParsers.get(limit);
  if (parser === undefined) {
    parser = express.raw({ limit, type: () => true });
    rawParsers.set(limit, parser);
  }
  return new Promise((resolve, reject) => {
    const raw = request as IncomingMessage & { body?: unknown };
    (parser as (req: unknown, res: unknown, next: (error?: unknown) => void) => void)(raw, response, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        reject((error as { type?: string }).type === 'entity.too.large' ? tooLarge(limit) : unreadable());
        return;
      }
      resolve(Buffer.isBuffer(raw.body) ? raw.body : Buffer.alloc(0));
    });
  });
}

export async function readMultipartForm(request: IncomingMessage, response: ServerResponse, limit: number): Promise<Record<string, FormValue[]>> {
  const contentType = request.headers['content-type'] ?? '';
  if (!isMultipartForm(request)) {
    throw new GatewayError('invalid_request', 'This endpoint takes multipart/form-data (as the OpenAI SDK sends it), not JSON.');
  }
  const body = await readRawBody(request, response, limit);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new GatewayError('invalid_request', 'The request body is not valid multipart/form-data.');
  }
  const fields: Record<string, FormValue[]> = {};
  for (const [name, value] of form) {
    const entry: FormValue = typeof value === 'string' ? value : { name: value.name, type: value.type, data: Buffer.from(await value.arrayBuffer()) };
    (fields[name] ??= []).push(entry);
  }
  // What the request log keeps when it captures bodies: the text fields, and files by name and size.
  (request as IncomingMessage & { body?: unknown }).body = Object.fromEntries(
    Object.entries(fields).map(([name, values]) => [name, values.map((value) => (isFormFile(value) ? { file: value.name, type: value.type, bytes: value.data.length } : value))]),
  );
  return fields;
}
