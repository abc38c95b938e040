/**
 * ControlApi: the one list of every operation the UI performs, with zod schemas for arguments
 * and results. Electron main registers one `ipcMain.handle` per entry; the headless server exposes
 * each as `POST /api/admin/control/<name>`; the renderer's two bridges (preload IPC, HTTP) call
 * them by name. Types come from these schemas, never restated by hand.
 *
 * Secrets never cross: no refresh token, no admin password, no OAuth client secret. The API key
 * is the one value shown on purpose (users paste it into their tools), and only through
 * `revealApiKey`; a named key's secret exists only in the answer of `createKey` or `regenerateKey`
 * (only its hash is kept).
 */
import { z } from 'zod';
import { accountDescriptionSchema } from '../accounts/describe-account.js';
import { gatewayAlertSchema } from '../alerts/gateway-alert.js';
import { authModes, quotaProtectionModes, schedulingModes, tierPreferences } from '../config/settings-schema.js';
import { importSources } from '../accounts/import/import-sources.js';
import { apiKeyDescriptionSchema } from '../keys/describe-api-key.js';
import { mappingRuleKinds } from '../mapping/resolve-model.js';
import { usageQuerySchema, usageReportSchema } from '../monitor/compute-usage.js';
import { requestLogDetailSchema, requestLogPageSchema } from '../monitor/describe-request-log.js';
import { requestLogFilterSchema, requestLogQuerySchema } from '../monitor/request-log-query.js';
import type { controlOperationNames } from './control-operation-names.js';

const empty = z.object({}).strict();
const email = z.object({ email: z.string().min(3) }).strict();
/** A named key's rules, as createKey takes them and updateKey changes them (one list, so the two cannot drift apart). */
const keyRulesShape = {
  name: z.string(),
  label: z.string().optional(),
  expires: z.string().nullable().optional(),
  models: z.array(z.string()).optional(),
  rpm: z.number().int().nullable().optional(),
};

export const gatewayStatusSchema = z.object({
  /** AI routes answer (true) or refuse with 503 (false). */
  serving: z.boolean(),
  /** The listener is bound (the console can be reached). */
  listening: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  /** What clients put in their settings, e.g. http://127.0.0.1:8045/v1. */
  base_url: z.string().nullable(),
  /** The LAN address when LAN access is on, e.g. http://192.168.1.20:8045/v1. */
  lan_url: z.string().nullable(),
  auth_mode: z.enum(['off', 'strict', 'all_except_health']),
  version: z.string(),
  /** Why the gateway is not serving, when it tried and failed (port in use, …). */
  error: z.string().nullable(),
  /** This run's `serve --port` / `--host`, which win over the saved settings until one is changed here; null = the setting is used. */
  command_line: z.object({ port: z.number().int().nullable(), host: z.string().nullable() }),
  /** What the saved settings ask for (`proxy.port`; `proxy.allow_lan_access` as 0.0.0.0 or 127.0.0.1). */
  saved: z.object({ port: z.number().int(), host: z.string() }),
  accounts: z.object({ total: z.number().int(), active: z.number().int() }),
});
export type GatewayStatusView = z.infer<typeof gatewayStatusSchema>;

/** Settings as the UI edits them: everything but secrets (api_key shown masked; admin password as a flag). */
export const settingsViewSchema = z.object({
  proxy: z.object({
    port: z.number().int(),
    allow_lan_access: z.boolean(),
    auth_mode: z.enum(authModes),
    api_key_masked: z.string(),
    admin_password_set: z.boolean(),
    auto_start: z.boolean(),
    request_timeout_s: z.number().int(),
    upstream_proxy: z.string(),
    custom_mapping: z.record(z.string(), z.string()),
    scheduling: z.object({ mode: z.enum(schedulingModes), max_wait_s: z.number().int(), prefer_tier: z.enum(tierPreferences) }),
    max_attempts: z.number().int(),
    preferred_account: z.string(),
    enable_logging: z.boolean(),
    metrics_public: z.boolean(),
    allowed_hosts: z.array(z.string()),
    cors_origins: z.array(z.string()),
    max_body_mb: z.number().int(),
    answer_claude_code_warmup: z.boolean(),
  }),
  accounts: z.object({
    quota_refresh_min: z.number().int(),
    quota_protection_percent: z.number().int(),
    quota_protection_mode: z.enum(quotaProtectionModes),
    warmup: z.string(),
  }),
  /** The request log (`proxy.enable_logging` turns it on and off). */
  monitor: z.object({
    retention_days: z.number().int(),
    max_rows: z.number().int(),
    capture_bodies: z.boolean(),
    max_body_kb: z.number().int(),
  }),
  /** Where the settings live (shown in Settings). */
  data_dir: z.string(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

/** A change: any subset of the editable settings (validated again by the full schema). */
export const settingsPatchSchema = z
  .object({
    proxy: z
      .object({
        port: z.number(),
        allow_lan_access: z.boolean(),
        auth_mode: z.enum(authModes),
        admin_password: z.string(),
        auto_start: z.boolean(),
        request_timeout_s: z.number(),
        upstream_proxy: z.string(),
        scheduling: z.object({ mode: z.enum(schedulingModes), max_wait_s: z.number(), prefer_tier: z.enum(tierPreferences) }).partial(),
        max_attempts: z.number(),
        preferred_account: z.string(),
        enable_logging: z.boolean(),
        metrics_public: z.boolean(),
        allowed_hosts: z.array(z.string()),
        cors_origins: z.array(z.string()),
        max_body_mb: z.number(),
        answer_claude_code_warmup: z.boolean(),
      })
      .partial()
      .strict(),
    accounts: z
      .object({ quota_refresh_min: z.number(), quota_protection_percent: z.number(), quota_protection_mode: z.string(), warmup: z.string() })
      .partial()
      .strict(),
    monitor: z
      .object({ retention_days: z.number(), max_rows: z.number(), capture_bodies: z.boolean(), max_body_kb: z.number() })
      .partial()
      .strict(),
    /**
     * Accepted here only to be refused by name (find-owner-only-changes.ts): upstream.* changes
     * through the owner's channels, never a UI. The current values pass, so a whole view round-trips.
     */
    upstream: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** What bulkAccountAction does to every selected account. */
export const bulkAccountActions = ['enable', 'disable', 'remove', 'refresh_quota', 'add_label', 'remove_label'] as const;

export const accountsRestoreSummarySchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  results: z.array(z.object({ email: z.string(), outcome: z.enum(['added', 'updated', 'skipped']), reason: z.string().nullable() })),
});

export const signInViewSchema = z.object({
  login_id: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed', 'cancelled']),
  authorize_url: z.string(),
  /** Where Google sends the browser back (`http://127.0.0.1:PORT/oauth-callback`); on another machine that page will not load: paste its address. */
  redirect_uri: z.string(),
  started_at: z.string(),
  email: z.string().nullable(),
  error: z.string().nullable(),
});

export const mappingRuleSchema = z.object({ pattern: z.string(), target: z.string() });
/** What `POST /v1/models/detect` says about a name (mapping/describe-model-route.ts), in the UI's words. */
export const mappingPreviewSchema = z.object({
  requested: z.string(),
  /** The upstream model a request with this name calls (detect's `mapped_model`). */
  model: z.string(),
  rule: z.object({ kind: z.enum(mappingRuleKinds), pattern: z.string().nullable() }),
  /** The Cloud Code `requestType`. */
  type: z.enum(['agent', 'image_gen']),
  features: z.object({ has_web_search: z.boolean(), is_image_gen: z.boolean() }),
  /** The image shape the name's suffixes ask for (`-16x9`, `-4k`). */
  config: z.object({ aspectRatio: z.string().optional(), imageSize: z.string().optional() }).nullable(),
});

function operation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/**
 * Checked against `schema`, then passed on exactly as given. The monitor parses its queries
 * itself (the admin API hands it query strings), and its transforms (a cursor into a position,
 * times into epoch ms) would not survive the second parse that every call gets: each transport
 * validates before it calls, and the ControlApi validates again.
 */
function checkedAsGiven<Schema extends z.ZodType>(schema: Schema) {
  return z.custom<z.input<Schema>>().superRefine((value, context) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
}

/** The CSV export over the ControlApi holds the whole file in one answer: it stops after this much text. */
export const maxCsvExportChars = 32 * 1024 * 1024;

export const controlOperations = {
  getStatus: operation(empty, gatewayStatusSchema),
  startGateway: operation(empty, gatewayStatusSchema),
  stopGateway: operation(empty, gatewayStatusSchema),
  restartGateway: operation(empty, gatewayStatusSchema),

  getSettings: operation(empty, settingsViewSchema),
  /** Port or LAN changes move the listener by themselves; `restarted` and `message` say so. */
  updateSettings: operation(
    settingsPatchSchema,
    z.object({ settings: settingsViewSchema, restarted: z.boolean(), message: z.string().nullable() }),
  ),
  revealApiKey: operation(empty, z.object({ api_key: z.string() })),
  regenerateApiKey: operation(empty, z.object({ api_key: z.string() })),
  /** The main key set to the user's own value (at least 16 characters). */
  setApiKey: operation(z.object({ api_key: z.string().max(256) }).strict(), z.object({ api_key_masked: z.string() })),

  /** Named API keys (hashed; the secret is in createKey's and regenerateKey's answer only). */
  listKeys: operation(empty, z.object({ items: z.array(apiKeyDescriptionSchema) })),
  /** `expires`: a duration (30d, 12h) or an ISO date; `models`: allow-list patterns with `*`; `rpm`: requests per minute. A taken name is a 409. */
  createKey: operation(
    z.object(keyRulesShape).strict(),
    z.object({ item: apiKeyDescriptionSchema, secret: z.string() }),
  ),
  /** Change a key's rules or disable/enable it; `expires: null` = never. */
  updateKey: operation(
    z.object({ ...keyRulesShape, disabled: z.boolean().optional() }).strict(),
    z.object({ item: apiKeyDescriptionSchema }),
  ),
  deleteKey: operation(z.object({ name: z.string() }).strict(), z.object({ deleted: z.boolean() })),
  regenerateKey: operation(z.object({ name: z.string() }).strict(), z.object({ item: apiKeyDescriptionSchema, secret: z.string() })),
  /** Settings as a JSON document; secrets only when asked. */
  exportSettings: operation(z.object({ include_secrets: z.boolean().default(false) }).strict(), z.object({ document: z.record(z.string(), z.unknown()) })),
  /**
   * Lays a file over the settings. Its API key and console password are applied only with
   * `apply_secrets` (else left out and listed in `skipped_secrets`); upstream.* changes are refused.
   */
  importSettings: operation(
    z.object({ document: z.record(z.string(), z.unknown()), apply_secrets: z.boolean().default(false) }).strict(),
    z.object({ settings: settingsViewSchema, skipped_secrets: z.array(z.string()) }),
  ),
  /** What importSettings would change, field by field (secrets named, never shown); nothing is applied. */
  previewSettingsImport: operation(
    z.object({ document: z.record(z.string(), z.unknown()) }).strict(),
    z.object({
      changes: z.array(
        z.object({ path: z.string(), before: z.string().nullable(), after: z.string().nullable(), kind: z.enum(['setting', 'secret', 'owner_only']) }),
      ),
    }),
  ),

  listAccounts: operation(empty, z.object({ items: z.array(accountDescriptionSchema) })),
  addAccountByRefreshToken: operation(z.object({ refresh_token: z.string().min(1) }).strict(), z.object({ item: accountDescriptionSchema })),
  /** Several tokens at once (one per line or a JSON array, as `accounts add --file`). */
  importRefreshTokens: operation(
    z.object({ text: z.string().min(1) }).strict(),
    z.object({ results: z.array(z.object({ ok: z.boolean(), email: z.string().nullable(), error: z.string().nullable() })) }),
  ),
  startGoogleSignIn: operation(empty, signInViewSchema.extend({ notice: z.string() })),
  getGoogleSignIn: operation(z.object({ login_id: z.string() }).strict(), signInViewSchema),
  completeGoogleSignIn: operation(z.object({ login_id: z.string(), input: z.string().min(1) }).strict(), signInViewSchema),
  cancelGoogleSignIn: operation(z.object({ login_id: z.string() }).strict(), signInViewSchema),
  removeAccount: operation(email, z.object({ deleted: z.boolean() })),
  enableAccount: operation(email, z.object({ item: accountDescriptionSchema })),
  disableAccount: operation(email, z.object({ item: accountDescriptionSchema })),
  refreshQuota: operation(
    z.object({ email: z.string().optional() }).strict(),
    z.object({ results: z.array(z.object({ email: z.string(), ok: z.boolean(), error: z.string().nullable() })) }),
  ),
  /** One minimal request per model family on one account (or every active one), logged as `warmup`. */
  warmUpAccounts: operation(
    z.object({ email: z.string().optional() }).strict(),
    z.object({
      results: z.array(
        z.object({ email: z.string(), model: z.string(), status: z.enum(['warmed', 'skipped', 'failed']), detail: z.string().nullable() }),
      ),
    }),
  ),
  /** The latest alerts (newest first, up to 20), as the `alert` events carried them. */
  listAlerts: operation(empty, z.object({ items: z.array(gatewayAlertSchema) })),
  setPreferredAccount: operation(z.object({ email: z.string() }).strict(), z.object({ preferred_account: z.string() })),
  setAccountProxy: operation(z.object({ email: z.string(), url: z.string() }).strict(), z.object({ item: accountDescriptionSchema })),
  /**
   * A real token refresh and quota read for the account through `url` (not saved; omitted = the
   * account's saved proxy; '' = the global upstream proxy or direct), timed. Never a token in `error`.
   */
  testAccountProxy: operation(
    z.object({ email: z.string(), url: z.string().optional() }).strict(),
    z.object({
      ok: z.boolean(),
      step: z.enum(['token_refresh', 'quota_read']).nullable(),
      latency_ms: z.number().int(),
      proxy: z.string().nullable(),
      models: z.number().int().nullable(),
      error: z.string().nullable(),
    }),
  ),
  /** Replaces the account's labels (trimmed, duplicates dropped, at most 20 of 1..40 characters). */
  setAccountLabels: operation(z.object({ email: z.string(), labels: z.array(z.string().max(200)).max(100) }).strict(), z.object({ item: accountDescriptionSchema })),
  /**
   * One action on many accounts (the Accounts page's selection): store changes as one write,
   * quota refreshes a few at a time. Per email: ok, or why not (an unknown email, a revoked token).
   */
  bulkAccountAction: operation(
    z
      .object({
        emails: z.array(z.string()).min(1).max(5000),
        action: z.enum(bulkAccountActions),
        /** For add_label / remove_label. */
        label: z.string().max(200).optional(),
      })
      .strict(),
    z.object({ results: z.array(z.object({ email: z.string(), ok: z.boolean(), error: z.string().nullable() })) }),
  ),
  /**
   * The accounts as a backup file (accounts/backup/): encrypted with `passphrase` (scrypt +
   * AES-256-GCM), or unencrypted only with `plain: true`. `content` is the file to save; refresh
   * tokens cross here only inside it (encrypted unless the user asked for plain).
   */
  exportAccountsBackup: operation(
    z.object({ passphrase: z.string().max(1024).optional(), plain: z.boolean().default(false) }).strict(),
    z.object({ file_name: z.string(), content: z.string(), encrypted: z.boolean(), count: z.number().int() }),
  ),
  /** Restores a backup file (merged by email; all or nothing). Wrong passphrase, damaged or unknown file: 400, nothing stored. */
  restoreAccountsBackup: operation(
    z.object({ content: z.string().min(1).max(16 * 1024 * 1024), passphrase: z.string().max(1024).optional() }).strict(),
    accountsRestoreSummarySchema,
  ),
  /** What Antigravity, Gemini CLI and Antigravity Manager hold on the machine where the gateway runs (counts and paths, never tokens). */
  findLocalAccounts: operation(
    empty,
    z.object({
      sources: z.array(
        z.object({ source: z.enum(importSources), label: z.string(), path: z.string(), found: z.boolean(), count: z.number().int().nullable(), problem: z.string().nullable() }),
      ),
    }),
  ),
  /**
   * Adds the accounts of another app, each verified with Google like any new account: from the
   * gateway machine's default place, or from `content` (an Antigravity Manager export file's text).
   */
  importLocalAccounts: operation(
    z.object({ source: z.enum(importSources), content: z.string().min(1).max(16 * 1024 * 1024).optional() }).strict(),
    z.object({ results: z.array(z.object({ where: z.string(), ok: z.boolean(), email: z.string().nullable(), error: z.string().nullable() })) }),
  ),

  listMappingRules: operation(empty, z.object({ rules: z.array(mappingRuleSchema) })),
  setMappingRule: operation(mappingRuleSchema.strict(), z.object({ rules: z.array(mappingRuleSchema) })),
  deleteMappingRule: operation(z.object({ pattern: z.string() }).strict(), z.object({ rules: z.array(mappingRuleSchema) })),
  listMappingPresets: operation(empty, z.object({ presets: z.array(z.object({ name: z.string(), description: z.string(), rules: z.array(mappingRuleSchema) })) })),
  /** Adds the preset's rules (existing rules with the same pattern are replaced). */
  applyMappingPreset: operation(z.object({ name: z.string() }).strict(), z.object({ rules: z.array(mappingRuleSchema) })),
  previewMapping: operation(z.object({ model: z.string().min(1) }).strict(), mappingPreviewSchema),

  /** The request log, newest first: filters and `next_cursor` paging as `GET /api/admin/logs`. */
  queryLogs: operation(checkedAsGiven(requestLogQuerySchema.strict()), requestLogPageSchema),
  /** One record in full: attempts, and the redacted headers and bodies when they were captured. */
  getLog: operation(z.object({ id: z.string().min(1) }).strict(), z.object({ item: requestLogDetailSchema })),
  clearLogs: operation(empty, z.object({ deleted: z.number().int() })),
  /** Requests, errors, tokens and latency per hour or day and per model, account, key or protocol. */
  getUsage: operation(checkedAsGiven(usageQuerySchema.strict()), usageReportSchema),
  /**
   * The log as CSV text (newest first, same filters as queryLogs), for a save dialog. Cut after
   * `maxCsvExportChars` at a row boundary (`truncated`); `GET /api/admin/logs/export` streams all of it.
   */
  exportLogsCsv: operation(
    checkedAsGiven(requestLogFilterSchema.strict()),
    z.object({ csv: z.string(), file_name: z.string(), truncated: z.boolean() }),
  ),
  // The sandboxed preload takes the names from a plain list (it cannot load zod): both must agree,
  // which `satisfies` checks both ways (a missing entry and an extra one are compile errors).
} as const satisfies Record<(typeof controlOperationNames)[number], { input: z.ZodType; output: z.ZodType }>;

export type ControlOperationName = keyof typeof controlOperations;
export type ControlInput<Name extends ControlOperationName> = z.input<(typeof controlOperations)[Name]['input']>;
export type ControlOutput<Name extends ControlOperationName> = z.output<(typeof controlOperations)[Name]['output']>;

/** What both bridges (IPC and HTTP) present to the renderer, and what main/the admin route implement. */
export type ControlApi = { [Name in ControlOperationName]: (input: ControlInput<Name>) => Promise<ControlOutput<Name>> };
