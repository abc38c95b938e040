/**
 * The most output tokens a Gemini model answers with: 65,536 for Gemini 2.5 and 3 models
 * (https://ai.google.dev/gemini-api/docs/models). Google refuses a larger `maxOutputTokens`
 * ("… supported range is from 1 (inclusive) to 65537 (exclusive)"), so the gateway lowers a
 * client's larger limit to this instead. Other families' limits on Cloud Code are not documented:
 * undefined, their limit is sent as the client set it.
 */
const geminiOutputTokenLimit = 65536;

export function findOutputTokenLimit(upstreamModel: string): number | undefined {
  return /^gemini-(2\.5|[3-9])/.test(upstreamModel.toLowerCase()) ? geminiOutputTokenLimit : undefined;
}
