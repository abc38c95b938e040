/** The public barrel of proxy-core: what main/ and the CLI may use. */
export { createGateway, resolveBindAddress, type Gateway, type GatewayOptions, type GatewayStatus } from './create-gateway.js';
export { settingsSchema, createDefaultSettings, resolveAuthMode, type Settings } from './config/settings-schema.js';
export { GatewayError, type GatewayErrorKind } from './errors/gateway-error.js';
export { createLogger, type Logger } from './logging/logger.js';
export type { Account, AccountStatus } from './accounts/account-schema.js';
export { accountDescriptionSchema, describeAccount, type AccountDescription } from './accounts/describe-account.js';
export { googleAccountsNotice } from './accounts/google-accounts-notice.js';
export type { GoogleSignIn, GoogleSignInOptions } from './accounts/google-sign-in.js';
export type { QuotaRefreshResult } from './accounts/quota-refresher.js';
