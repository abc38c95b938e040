/**
 * Legacy Completions request (https://platform.openai.com/docs/api-reference/completions/create)
 * -> Gemini request, through the chat conversion: the prompt is one user message
 * (ANCHOR-ANTIGRAVITY-MANAGER.md §6.5), and the sampling fields are the chat ones.
 */
import { convertOpenAIChatToGemini, type ConvertedOpenAIChatRequest } from '../chat/convert-openai-chat-to-gemini.js';
import type { ConvertToGeminiContext } from '../../shared/build-gemini-request.js';
import type { OpenAICompletionsRequest } from './openai-completions-request-schema.js';
import { conversionWarning } from '../../../canonical/conversion-warning.js';

export function convertOpenAICompletionsToGemini(
  request: OpenAICompletionsRequest,
  context: ConvertToGeminiContext,
): ConvertedOpenAIChatRequest {
  const prompt = typeof request.prompt === 'string' ? request.prompt : (request.prompt[0] ?? '');
  const converted = convertOpenAIChatToGemini(
    {
      model: request.model,
      messages: [{ role: 'user', content: prompt }],
      max_tokens: request.max_tokens,
      temperature: request.temperature,
      top_p: request.top_p,
      stop: request.stop,
      seed: request.seed,
      presence_penalty: request.presence_penalty,
      frequency_penalty: request.frequency_penalty,
    },
    context,
  );
  if (request.suffix) converted.warnings.push(conversionWarning('field_ignored', 'suffix (insertion) has no upstream equivalent; ignored'));
  return converted;
}
