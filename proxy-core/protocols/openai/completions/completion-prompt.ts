/** A Completions request's one prompt (the schema allows a list of exactly one). */
import type { OpenAICompletionsRequest } from './openai-completions-request-schema.js';

export function completionPrompt(request: OpenAICompletionsRequest): string {
  return typeof request.prompt === 'string' ? request.prompt : (request.prompt[0] ?? '');
}
