import type { GeminiFunctionDeclaration, GeminiTool } from '../../canonical/gemini-schemas.js';

/** Every function a request's tools declare (Google Search grounding declares none). */
export function listFunctionDeclarations(tools: readonly GeminiTool[] | undefined): GeminiFunctionDeclaration[] {
  return (tools ?? []).flatMap((tool) => ('functionDeclarations' in tool ? tool.functionDeclarations : []));
}
