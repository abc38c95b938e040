/** The public barrel of proxy-core: what main/ and the CLI may use. */
export { createGateway, resolveBindAddress, type GatewayOptions } from './create-gateway.js';
export type { Gateway, GatewayStatus } from './control/gateway.js';
export { settingsSchema, createDefaultSettings, resolveAuthMode, type Settings } from './config/settings-schema.js';
export { GatewayError, type GatewayErrorKind } from './errors/gateway-error.js';
export { createLogger, writeLineToStderr, type Logger, type LogFormat, type LogLevel } from './logging/logger.js';
export { resolveLogOptions } from './logging/resolve-log-options.js';
export type { Account, AccountStatus } from './accounts/account-schema.js';
export { accountDescriptionSchema, describeAccount, type AccountDescription } from './accounts/describe-account.js';
export { googleAccountsNotice } from './accounts/google-accounts-notice.js';
export type { GoogleSignIn, GoogleSignInOptions } from './accounts/google-sign-in.js';
export type { QuotaRefreshResult } from './accounts/quota-refresher.js';
export {
  controlOperations,
  gatewayStatusSchema,
  settingsViewSchema,
  type ControlApi,
  type ControlInput,
  type ControlOperationName,
  type ControlOutput,
  type GatewayStatusView,
  type SettingsView,
} from './control/control-operations.js';
export { controlChannel, controlEventChannel, controlOperationNames } from './control/control-operation-names.js';
export { controlEventSchema, controlEventTypes, type ControlEvent, type ControlEventSink } from './control/control-events.js';
export { createControlApi, type ControlApiOptions } from './control/create-control-api.js';
export { describeGatewayStatus } from './control/describe-gateway-status.js';
export { parseControlInput, isControlOperationName } from './control/parse-control-input.js';
export { watchControlEvents } from './control/watch-control-events.js';
export type { SkyportBridge, SkyportEvent } from './control/skyport-bridge.js';
export { parseSettings, type SettingsDocument } from './config/settings-store.js';
export type { AccountStore, AccountStoreProblem, SecretCodec } from './accounts/account-store.js';
export { gatewayAlertSchema, type GatewayAlert, type GatewayAlertInput, type GatewayAlertSeverity } from './alerts/gateway-alert.js';
