/** The shell: login (web console), the side navigation, the current page, notices. */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './components/button.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { GatewayStatusPill } from './components/gateway-status-pill.js';
import { LogoutIcon, SkyportLogo } from './components/icons.js';
import { ErrorState, LoadingState } from './components/load-states.js';
import { AlertBanners } from './components/alert-banners.js';
import { NoticeStack } from './components/notice-stack.js';
import { useApplyTheme } from './components/use-apply-theme.js';
import { defaultPageId, pageIds, pageRegistry } from './navigation/page-registry.js';
import { pageHref, useHashRoute } from './navigation/use-hash-route.js';
import { LoginPage } from './pages/login/login-page.js';
import { RelocationScreen } from './pages/relocation-screen.js';
import { useAppStore, useBridgeKind } from './store/app-store-context.js';
import {
  selectBootstrap,
  selectConnectEvents,
  selectEventFeed,
  selectLanguage,
  selectLastContactAt,
  selectLoadAccounts,
  selectLoadStatus,
  selectLogout,
  selectReachability,
  selectRefreshAll,
  selectRelocation,
  selectSession,
  selectStatus,
  selectTheme,
} from './store/selectors.js';

/** While the live feed is down, poll instead (status often, accounts now and then). */
export const fallbackPollMs = { status: 5_000, accounts: 30_000 };

export function App({ navigate }: { navigate: (url: string) => void }) {
  const { t } = useTranslation();
  const session = useAppStore(selectSession);
  const relocation = useAppStore(selectRelocation);
  const theme = useAppStore(selectTheme);
  const language = useAppStore(selectLanguage);
  const bootstrap = useAppStore(selectBootstrap);
  useApplyTheme(theme);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    void bootstrap();
  }, [bootstrap]);

  if (relocation !== null) return <RelocationScreen relocation={relocation} navigate={navigate} />;
  if (session === 'checking') {
    return (
      <main className="splash">
        <LoadingState label={t('app.connecting')} />
      </main>
    );
  }
  if (session === 'locked') return <LoginPage />;
  return <Shell />;
}

/** The gateway stopped answering: say so above every page, with the age of what is shown. */
function OfflineBanner({ onRetry }: { onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  const lastContactAt = useAppStore(selectLastContactAt);
  const since = lastContactAt === null ? null : new Date(lastContactAt).toLocaleTimeString(i18n.language);
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <span className="offline-banner__dot" aria-hidden="true" />
      <div className="offline-banner__text">
        <p className="offline-banner__title">{t('app.offlineTitle')}</p>
        <p className="offline-banner__detail">{since === null ? t('app.offlineDetailNever') : t('app.offlineDetail', { time: since })}</p>
      </div>
      <Button size="small" variant="secondary" onClick={onRetry}>
        {t('app.retryNow')}
      </Button>
    </div>
  );
}

function Shell() {
  const { t } = useTranslation();
  const page = useHashRoute(pageIds, defaultPageId);
  const status = useAppStore(selectStatus).data;
  const eventFeed = useAppStore(selectEventFeed);
  const refreshAll = useAppStore(selectRefreshAll);
  const connectEvents = useAppStore(selectConnectEvents);
  const loadStatus = useAppStore(selectLoadStatus);
  const loadAccounts = useAppStore(selectLoadAccounts);
  const logout = useAppStore(selectLogout);
  const reachability = useAppStore(selectReachability);
  const offline = reachability === 'offline';
  const bridgeKind = useBridgeKind();
  const current = useMemo(() => pageRegistry.find((entry) => entry.id === page) ?? pageRegistry[0], [page]);

  useEffect(() => {
    void refreshAll();
    return connectEvents();
  }, [refreshAll, connectEvents]);

  useEffect(() => {
    if (eventFeed === 'open') return;
    const statusTimer = setInterval(() => void loadStatus(), fallbackPollMs.status);
    const accountsTimer = setInterval(() => void loadAccounts(), fallbackPollMs.accounts);
    return () => {
      clearInterval(statusTimer);
      clearInterval(accountsTimer);
    };
  }, [eventFeed, loadStatus, loadAccounts]);

  useEffect(() => {
    if (current !== undefined) document.title = `${t(current.labelKey)} · Skyport`;
  }, [current, t]);
  // A new page starts at its top (hash navigation keeps the old scroll position otherwise).
  useEffect(() => {
    window.scrollTo?.({ top: 0 });
  }, [page]);

  if (current === undefined) return null;
  const Page = current.component;
  return (
    <div className="app">
      <a href="#main" className="skip-link" onClick={(event) => {
        event.preventDefault();
        document.getElementById('main')?.focus();
      }}>
        {t('app.skipToContent')}
      </a>
      <nav className="sidebar" aria-label={t('app.navigation')}>
        <div className="sidebar__brand">
          <SkyportLogo />
          <span>Skyport</span>
        </div>
        <ul className="sidebar__links">
          {pageRegistry.map((entry) => {
            const Icon = entry.icon;
            return (
              <li key={entry.id}>
                <a href={pageHref(entry.id)} className="sidebar__link" aria-current={entry.id === current.id ? 'page' : undefined}>
                  <Icon />
                  <span>{t(entry.labelKey)}</span>
                </a>
              </li>
            );
          })}
        </ul>
        <div className="sidebar__footer">
          <GatewayStatusPill status={status} offline={offline} />
          {bridgeKind === 'http' ? (
            <Button variant="ghost" size="small" icon={<LogoutIcon />} onClick={logout}>
              {t('app.logout')}
            </Button>
          ) : null}
        </div>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        {offline ? <OfflineBanner onRetry={() => void loadStatus()} /> : null}
        <AlertBanners />
        {/* Offline, every control of the page is disabled (a disabled fieldset): nothing can be done, and nothing looks as if it could. */}
        <fieldset className="content__controls" disabled={offline}>
          <ErrorBoundary
            resetKey={current.id}
            fallback={(error, reset) => (
              <div className="page">
                <ErrorState title={t('app.pageCrashed')} message={error.message} onRetry={reset} />
              </div>
            )}
          >
            <Page />
          </ErrorBoundary>
        </fieldset>
      </main>
      <NoticeStack />
    </div>
  );
}
