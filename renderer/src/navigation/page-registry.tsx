/**
 * The pages in the side navigation, in order. A page is an id (its `#/id` address), a label key,
 * an icon and a component.
 */
import type { ComponentType } from 'react';
import type { TranslationKey } from '../i18n/translation-key.js';
import { AccountsIcon, DashboardIcon, MonitorIcon, ProxyIcon, SettingsIcon, UsageIcon } from '../components/icons.js';
import { AccountsPage } from '../pages/accounts/accounts-page.js';
import { ApiProxyPage } from '../pages/api-proxy/api-proxy-page.js';
import { DashboardPage } from '../pages/dashboard/dashboard-page.js';
import { MonitorPage } from '../pages/monitor/monitor-page.js';
import { SettingsPage } from '../pages/settings/settings-page.js';
import { UsagePage } from '../pages/usage/usage-page.js';

export interface PageDefinition {
  id: string;
  labelKey: TranslationKey;
  icon: ComponentType;
  component: ComponentType;
}

export const pageRegistry: readonly PageDefinition[] = [
  { id: 'dashboard', labelKey: 'nav.dashboard', icon: DashboardIcon, component: DashboardPage },
  { id: 'proxy', labelKey: 'nav.proxy', icon: ProxyIcon, component: ApiProxyPage },
  { id: 'accounts', labelKey: 'nav.accounts', icon: AccountsIcon, component: AccountsPage },
  { id: 'monitor', labelKey: 'nav.monitor', icon: MonitorIcon, component: MonitorPage },
  { id: 'usage', labelKey: 'nav.usage', icon: UsageIcon, component: UsagePage },
  { id: 'settings', labelKey: 'nav.settings', icon: SettingsIcon, component: SettingsPage },
];

export const pageIds: readonly string[] = pageRegistry.map((page) => page.id);
export const defaultPageId = 'dashboard';
