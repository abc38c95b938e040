/**
 * Public types of the fake Google (fake-google.ts re-exports them). Kept in their own file so
 * the helper modules can share them without importing the server.
 */

export interface FakeAccountOptions {
  email: string;
  refreshToken: string;
  /** undefined => not onboarded: loadCodeAssist has no currentTier/project and onboardUser assigns one. */
  projectId?: string;
  /** e.g. 'free-tier' | 'standard-tier'; a paid tier id like 'g1-pro-tier' goes in `paidTier` (currentTier is then standard-tier). */
  tier?: string;
  /** Per model id; listed by fetchAvailableModels as `quotaInfo`, and the ids become known models of the account. */
  quotas?: Record<string, { remainingFraction?: number; resetTime?: string }>;
}

export interface FakeUsage {
  promptTokenCount: number;
  candidatesTokenCount: number;
  thoughtsTokenCount: number;
  cachedContentTokenCount: number;
}

/**
 * Google Search grounding of a text reply: sent as the candidate's `groundingMetadata` (webSearchQueries, a
 * searchEntryPoint, one `web` groundingChunk per source, and one groundingSupport covering the whole text that cites every
 * source) on the last streamed event and on the generateContent answer.
 */
export interface FakeGrounding {
  /** Become `webSearchQueries` (and the chips of `searchEntryPoint.renderedContent`). */
  queries: string[];
  /** Become `groundingChunks[i].web`, in order. */
  sources: Array<{ uri: string; title: string }>;
}

export type FakeReply =
  | {
      kind: 'text';
      text: string;
      /** Streamed first as thought parts; a thoughtSignature comes on the last thought piece (Gemini and Claude models). */
      thoughts?: string;
      /**
       * Generated images (base64 `data`), each sent as its own `inlineData` part after the text (streamed: one event each);
       * with images, the text part is left out when `text` is ''. Each counts FAKE_IMAGE_OUTPUT_TOKENS output tokens.
       */
      images?: Array<{ mimeType: string; data: string }>;
      /** Search grounding: `groundingMetadata` on the candidate of the last streamed event and of the generateContent answer. */
      grounding?: FakeGrounding;
      finishReason?: string;
      usage?: Partial<FakeUsage>;
    }
  | {
      kind: 'function-call';
      calls: Array<{ name: string; args: Record<string, unknown> }>;
      text?: string;
      thoughts?: string;
    }
  | { kind: 'error'; status: number; body: unknown; headers?: Record<string, string> }
  /** 200 with an SSE body that has no events. */
  | { kind: 'empty' }
  /** Sends N text chunks, then destroys the socket mid-stream. */
  | { kind: 'reset-after'; chunks: number; text?: string }
  /** Sends N chunks, then goes silent (the socket stays open until the client or close() ends it). */
  | { kind: 'stall-after'; chunks: number; text?: string }
  | { kind: 'raw'; status: number; contentType: string; body: string };

export type FakeErrorReply = Extract<FakeReply, { kind: 'error' }>;

export interface DefaultReplyRequest {
  /** Model id from the envelope. */
  model: string;
  /** The whole envelope as received (`body.request.contents`, …). */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Email of the account whose token made the call. */
  account: string;
}

export type DefaultReplyFn = (request: DefaultReplyRequest) => FakeReply;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query string without the leading '?' ('' when none). */
  query: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the form fields for the token endpoint, or the raw text when unparsable; undefined when empty. */
  body: unknown;
  /** Email of the account the bearer token was issued to, even when it has expired (or of the refresh token on /token); undefined for missing/unknown tokens. */
  account?: string;
}

export interface FakeGoogle {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** What the gateway uses as an upstream base URL (it appends /v1internal:<method>). */
  readonly baseUrl: string;
  /** OAuth token endpoint. */
  readonly tokenUrl: string;
  /** Userinfo endpoint (also served at /oauth2/v1/userinfo and /oauth2/v2/userinfo). */
  readonly userinfoUrl: string;
  addAccount(options: FakeAccountOptions): void;
  /** Later refreshes of this token answer 400 invalid_grant (access tokens already issued keep working until they expire). */
  revoke(refreshToken: string): void;
  /** Makes `code` exchangeable once (grant_type=authorization_code) for a fresh access token plus `refreshToken`. */
  registerAuthorizationCode(code: string, refreshToken: string, options?: { redirectUri?: string; codeChallenge?: string }): void;
  /** FIFO per account (or global when no email); when both are empty the default reply is used. */
  enqueue(reply: FakeReply, forAccount?: string): void;
  setDefaultReply(fn: DefaultReplyFn | undefined): void;
  /** From now on, v1internal calls presenting an Antigravity version below this one are refused (undefined: any is accepted). */
  setMinClientVersion(version: string | undefined): void;
  /** Default 'alternate' (switches every event, starting with '\n\n'). */
  setSseSeparator(separator: '\n\n' | '\r\n\r\n' | 'alternate'): void;
  /** expires_in of tokens issued from now on (default 3599). */
  setAccessTokenLifetime(seconds: number): void;
  /** All issued access tokens become invalid (401 UNAUTHENTICATED). */
  expireAccessTokens(): void;
  /** Every request received, in order, including ones that failed auth. */
  readonly requests: RecordedRequest[];
  /** Generation responses (streamed or not) still open: sent headers, not yet closed by either side. */
  readonly openGenerations: number;
  /** Requests to `v1internal:<method>`; also 'operations' (LRO polls), 'token' and 'userinfo'. */
  requestsTo(method: string): RecordedRequest[];
  /** Number of grant_type=refresh_token requests made with this refresh token (successful or not). */
  tokenRefreshCount(refreshToken: string): number;
  close(): Promise<void>;
}

export interface StartFakeGoogleOptions {
  port?: number;
  /** Pause between streamed events (default 0). */
  chunkDelayMs?: number;
  host?: string;
}
