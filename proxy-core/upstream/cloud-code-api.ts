/**
 * What the gateway needs from Google's Cloud Code `v1internal` API
 * (../shared/reference/UPSTREAM-PROTOCOL.md §2). Implemented by cloud-code-client.ts over
 * undici; faked in tests/fakes. Every method throws a GatewayError on failure (built by
 * classify-upstream-error.ts, the one place upstream errors are interpreted).
 */
import { z } from 'zod';
import type { CloudCodeGenerateEnvelope, GeminiContent, GeminiResponseChunk } from '../canonical/gemini-schemas.js';
import type { AbortSignalLike } from '../util/light-abort-controller.js';

/** UPSTREAM-PROTOCOL.md §8. Partial: only what we read. */
export const loadCodeAssistResponseSchema = z.looseObject({
  currentTier: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).nullish(),
  paidTier: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).nullish(),
  allowedTiers: z
    .array(z.looseObject({ id: z.string().optional(), isDefault: z.boolean().optional(), userDefinedCloudaicompanionProject: z.boolean().optional() }))
    .nullish(),
  ineligibleTiers: z
    .array(
      z.looseObject({
        reasonCode: z.string().optional(),
        reasonMessage: z.string().optional(),
        tierId: z.string().optional(),
        validationUrl: z.string().optional(),
      }),
    )
    .nullish(),
  cloudaicompanionProject: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).nullish(),
});
export type LoadCodeAssistResponse = z.infer<typeof loadCodeAssistResponseSchema>;

/** UPSTREAM-PROTOCOL.md §10. */
export const fetchAvailableModelsResponseSchema = z.looseObject({
  models: z
    .record(
      z.string(),
      z.looseObject({
        displayName: z.string().optional(),
        maxOutputTokens: z.number().optional(),
        quotaInfo: z
          .looseObject({ remainingFraction: z.number().optional(), resetTime: z.string().optional() })
          .optional(),
      }),
    )
    .optional(),
});
export type FetchAvailableModelsResponse = z.infer<typeof fetchAvailableModelsResponseSchema>;

export interface UpstreamCallContext {
  accessToken: string;
  signal?: AbortSignalLike;
  /** Per-account egress proxy URL; falls back to the global `proxy.upstream_proxy`. */
  proxyUrl?: string;
}

export interface StreamGenerateContentResult {
  /** Base URL that answered (for logs). */
  baseUrl: string;
  /**
   * The `response` objects of the SSE events, unwrapped, in order. Ends when the upstream
   * closes; throws a GatewayError (`timeout`) when no byte arrives for `idleTimeoutMs`, or
   * (`upstream`) when the connection breaks. The client over undici also hands them out a
   * batch per network read, through `iterateBatches` (util/batched-async-iterable.ts).
   */
  chunks: AsyncIterable<GeminiResponseChunk>;
}

export interface CloudCodeApi {
  /** `POST {base}/v1internal:streamGenerateContent?alt=sse`; resolves once a 200 arrives. */
  streamGenerateContent(
    context: UpstreamCallContext & { idleTimeoutMs: number },
    envelope: CloudCodeGenerateEnvelope,
  ): Promise<StreamGenerateContentResult>;
  /** `POST {base}/v1internal:countTokens` -> totalTokens. */
  countTokens(context: UpstreamCallContext, model: string, contents: GeminiContent[]): Promise<number>;
  loadCodeAssist(context: UpstreamCallContext, project?: string): Promise<LoadCodeAssistResponse>;
  /** Onboards to a tier, polling the long-running operation; resolves to the project id. */
  onboardUser(context: UpstreamCallContext, tierId: string, project?: string): Promise<string | undefined>;
  fetchAvailableModels(context: UpstreamCallContext, project?: string): Promise<FetchAvailableModelsResponse>;
}
