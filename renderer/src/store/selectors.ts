/**
 * Named selectors: components read the store only through these, so a slice can change shape
 * without a hunt through the pages. Each returns a value already in the state (no new objects,
 * which would re-render on every change); derived lists are computed in derive-*.ts with useMemo.
 */
import type { AppState } from './app-state.js';

export const selectSession = (state: AppState) => state.session;
export const selectLoginError = (state: AppState) => state.loginError;
export const selectLoggingIn = (state: AppState) => state.loggingIn;
export const selectLogin = (state: AppState) => state.login;
export const selectLogout = (state: AppState) => state.logout;
export const selectNotices = (state: AppState) => state.notices;
export const selectNotify = (state: AppState) => state.notify;
export const selectDismissNotice = (state: AppState) => state.dismissNotice;
export const selectRelocation = (state: AppState) => state.relocation;
export const selectEventFeed = (state: AppState) => state.eventFeed;
export const selectReachability = (state: AppState) => state.reachability;
export const selectLastContactAt = (state: AppState) => state.lastContactAt;

export const selectStatus = (state: AppState) => state.status;
export const selectGatewayCommand = (state: AppState) => state.gatewayCommand;
export const selectRunGatewayCommand = (state: AppState) => state.runGatewayCommand;
export const selectLoadStatus = (state: AppState) => state.loadStatus;

export const selectSettings = (state: AppState) => state.settings;
export const selectSavingSettings = (state: AppState) => state.savingSettings;
export const selectSaveSettings = (state: AppState) => state.saveSettings;
export const selectSetConsolePassword = (state: AppState) => state.setConsolePassword;
export const selectLoadSettings = (state: AppState) => state.loadSettings;
export const selectApiKey = (state: AppState) => state.apiKey;
export const selectRevealApiKey = (state: AppState) => state.revealApiKey;
export const selectFetchApiKey = (state: AppState) => state.fetchApiKey;
export const selectHideApiKey = (state: AppState) => state.hideApiKey;
export const selectRegenerateApiKey = (state: AppState) => state.regenerateApiKey;
export const selectExportSettings = (state: AppState) => state.exportSettings;
export const selectImportSettings = (state: AppState) => state.importSettings;
export const selectPreviewSettingsImport = (state: AppState) => state.previewSettingsImport;
export const selectDesktopSettings = (state: AppState) => state.desktopSettings;
export const selectLoadDesktopSettings = (state: AppState) => state.loadDesktopSettings;
export const selectSetLaunchAtLogin = (state: AppState) => state.setLaunchAtLogin;
export const selectPreferredAccount = (state: AppState) => state.settings.data?.proxy.preferred_account ?? '';

export const selectAccounts = (state: AppState) => state.accounts;
export const selectBulkAccountAction = (state: AppState) => state.bulkAction;
export const selectRunBulkAccountAction = (state: AppState) => state.runBulkAccountAction;
export const selectSetAccountLabels = (state: AppState) => state.setAccountLabels;
export const selectSetAccountProxy = (state: AppState) => state.setAccountProxy;
export const selectTestAccountProxy = (state: AppState) => state.testAccountProxy;
export const selectLoadAccounts = (state: AppState) => state.loadAccounts;
export const selectAccountActions = (state: AppState) => state.accountActions;
export const selectRefreshingAllQuotas = (state: AppState) => state.refreshingAllQuotas;
export const selectSetAccountEnabled = (state: AppState) => state.setAccountEnabled;
export const selectRemoveAccount = (state: AppState) => state.removeAccount;
export const selectRefreshQuotas = (state: AppState) => state.refreshQuotas;
export const selectSetPreferredAccount = (state: AppState) => state.setPreferredAccount;
export const selectImportRefreshTokens = (state: AppState) => state.importRefreshTokens;

export const selectSignIn = (state: AppState) => state.signIn;
export const selectStartSignIn = (state: AppState) => state.startSignIn;
export const selectPollSignIn = (state: AppState) => state.pollSignIn;
export const selectCompleteSignIn = (state: AppState) => state.completeSignIn;
export const selectCancelSignIn = (state: AppState) => state.cancelSignIn;
export const selectResetSignIn = (state: AppState) => state.resetSignIn;

export const selectMappingRules = (state: AppState) => state.mappingRules;
export const selectMappingPresets = (state: AppState) => state.mappingPresets;
export const selectMappingPreview = (state: AppState) => state.mappingPreview;
export const selectLoadMappingRules = (state: AppState) => state.loadMappingRules;
export const selectSaveMappingRule = (state: AppState) => state.saveMappingRule;
export const selectDeleteMappingRule = (state: AppState) => state.deleteMappingRule;
export const selectApplyMappingPreset = (state: AppState) => state.applyMappingPreset;
export const selectPreviewMapping = (state: AppState) => state.previewMapping;

export const selectLogFilter = (state: AppState) => state.logFilter;
export const selectRequestLog = (state: AppState) => state.requestLog;
export const selectLogPaused = (state: AppState) => state.logPaused;
export const selectLogMissed = (state: AppState) => state.logMissed;
export const selectLogDetail = (state: AppState) => state.logDetail;
export const selectClearingLogs = (state: AppState) => state.clearingLogs;
export const selectLoadLogs = (state: AppState) => state.loadLogs;
export const selectLoadOlderLogs = (state: AppState) => state.loadOlderLogs;
export const selectSetLogFilter = (state: AppState) => state.setLogFilter;
export const selectSetLogPaused = (state: AppState) => state.setLogPaused;
export const selectOpenLogDetail = (state: AppState) => state.openLogDetail;
export const selectCloseLogDetail = (state: AppState) => state.closeLogDetail;
export const selectClearLogs = (state: AppState) => state.clearLogs;
export const selectExportLogsCsv = (state: AppState) => state.exportLogsCsv;
export const selectLoggingEnabled = (state: AppState) => state.settings.data?.proxy.enable_logging ?? true;

export const selectUsageWindow = (state: AppState) => state.usageWindow;
export const selectUsage = (state: AppState) => state.usage;
export const selectLoadUsage = (state: AppState) => state.loadUsage;
export const selectSetUsageWindow = (state: AppState) => state.setUsageWindow;
export const selectUsageIncludeLookups = (state: AppState) => state.usageIncludeLookups;
export const selectSetUsageIncludeLookups = (state: AppState) => state.setUsageIncludeLookups;
export const selectTodayUsage = (state: AppState) => state.todayUsage;
export const selectServedModels = (state: AppState) => state.servedModels;
export const selectLoadTodayUsage = (state: AppState) => state.loadTodayUsage;

export const selectTheme = (state: AppState) => state.theme;
export const selectSetTheme = (state: AppState) => state.setTheme;
export const selectLanguage = (state: AppState) => state.language;
export const selectSetLanguage = (state: AppState) => state.setLanguage;

export const selectBootstrap = (state: AppState) => state.bootstrap;
export const selectRefreshAll = (state: AppState) => state.refreshAll;
export const selectConnectEvents = (state: AppState) => state.connectEvents;
export const selectAlerts = (state: AppState) => state.alerts;
export const selectDismissAlert = (state: AppState) => state.dismissAlert;
export const selectWarmUp = (state: AppState) => state.warmUp;
export const selectWarmingUpAll = (state: AppState) => state.warmingUpAll;
