/** The public barrel of proxy-core: what main/ and the CLI may use. */
export { createGateway, resolveBindAddress, type Gateway, type GatewayOptions, type GatewayStatus } from './create-gateway.js';
export { settingsSchema, createDefaultSettings, resolveAuthMode, type Settings } from './config/settings-schema.js';
export { GatewayError, type GatewayErrorKind } from './errors/gateway-error.js';
export { createLogger, type Logger } from './logging/logger.js';
export type { Account, AccountStatus } from './accounts/account-schema.js';
