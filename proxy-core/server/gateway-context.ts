/** What the route handlers need from the running gateway, passed in rather than imported. */
import type { Account } from '../accounts/account-schema.js';
import type { AccountStore } from '../accounts/account-store.js';
import type { GoogleSignIn, GoogleSignInOptions } from '../accounts/google-sign-in.js';
import type { QuotaRefreshResult } from '../accounts/quota-refresher.js';
import type { Settings } from '../config/settings-schema.js';
import type { CountTokensRunner } from '../execution/run-count-tokens.js';
import type { GenerationRunner } from '../execution/run-generation.js';
import type { Logger } from '../logging/logger.js';
import type { CompletedRequest } from './middleware/request-context.js';
import type { SignatureCache } from '../signatures/signature-cache.js';

export interface GatewayContext {
  /** Told about every finished request (the request log). */
  onRequestComplete?: (completed: CompletedRequest) => void;
  settings: () => Settings;
  accounts: () => readonly Account[];
  runGeneration: GenerationRunner;
  countTokens: CountTokensRunner;
  signatures: SignatureCache;
  logger: Logger;
  version: string;
  now: () => number;
  /** What the admin API manages; without it the admin routes answer 404. */
  admin?: AdminContext;
}

export interface AdminContext {
  accounts: AccountStore;
  addAccountByRefreshToken(refreshToken: string): Promise<Account>;
  startGoogleSignIn(options?: GoogleSignInOptions): Promise<GoogleSignIn>;
  refreshQuotas(email?: string): Promise<QuotaRefreshResult[]>;
}
