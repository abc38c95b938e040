/** Tabs of ready-to-copy client set-ups; the copy always carries the real key (revealed on demand). */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/card.js';
import { CopyButton } from '../../components/copy-button.js';
import { useAppStore } from '../../store/app-store-context.js';
import { selectApiKey, selectFetchApiKey, selectStatus } from '../../store/selectors.js';
import type { SettingsView } from '../../store/view-types.js';
import { buildClientSnippets, type SnippetId } from './build-client-snippets.js';

export function ClientSnippets({ settings }: { settings: SettingsView }) {
  const { t } = useTranslation();
  const status = useAppStore(selectStatus).data;
  const apiKey = useAppStore(selectApiKey).data;
  const fetchKey = useAppStore(selectFetchApiKey);
  const [selected, setSelected] = useState<SnippetId>('curl');
  const baseUrl = status?.base_url ?? `http://127.0.0.1:${settings.proxy.port}/v1`;
  const shownKey = apiKey ?? settings.proxy.api_key_masked;
  const snippets = useMemo(() => buildClientSnippets(baseUrl, shownKey), [baseUrl, shownKey]);
  const labels: Record<SnippetId, string> = {
    curl: t('proxy.snippets.curl'),
    'openai-python': t('proxy.snippets.openaiPython'),
    'openai-node': t('proxy.snippets.openaiNode'),
    'claude-code': t('proxy.snippets.claudeCode'),
    codex: t('proxy.snippets.codex'),
  };
  const current = snippets.find((snippet) => snippet.id === selected) ?? snippets[0];
  if (current === undefined) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = snippets.findIndex((snippet) => snippet.id === selected);
    const next = snippets[(index + (event.key === 'ArrowRight' ? 1 : snippets.length - 1)) % snippets.length];
    if (next === undefined) return;
    setSelected(next.id);
    document.getElementById(`snippet-tab-${next.id}`)?.focus();
  };

  const copyWithKey = async (): Promise<string | null> => {
    // The clipboard gets the real key; the snippets on screen stay masked unless Show was pressed.
    const key = apiKey ?? (await fetchKey().then((outcome) => (outcome.ok ? outcome.value : null)));
    if (key === null) return null;
    return buildClientSnippets(baseUrl, key).find((snippet) => snippet.id === current.id)?.code ?? null;
  };

  return (
    <Card title={t('proxy.snippets.title')} description={t('proxy.snippets.description')} className="grid__wide">
      <div className="tabs" role="tablist" aria-label={t('proxy.snippets.title')} onKeyDown={onKeyDown}>
        {snippets.map((snippet) => (
          <button
            key={snippet.id}
            id={`snippet-tab-${snippet.id}`}
            type="button"
            role="tab"
            aria-selected={snippet.id === current.id}
            aria-controls="snippet-panel"
            tabIndex={snippet.id === current.id ? 0 : -1}
            className="tabs__tab"
            onClick={() => setSelected(snippet.id)}
          >
            {labels[snippet.id]}
          </button>
        ))}
      </div>
      <div id="snippet-panel" role="tabpanel" aria-labelledby={`snippet-tab-${current.id}`} className="snippet">
        <div className="snippet__header">
          <span className="snippet__where">{current.where === 'terminal' ? t('proxy.snippets.terminal') : current.where}</span>
          <CopyButton value={copyWithKey} ariaLabel={t('proxy.snippets.copy', { name: labels[current.id] })} />
        </div>
        <pre className="snippet__code" data-testid={`snippet-${current.id}`}>
          <code>{current.code}</code>
        </pre>
        {apiKey === null ? <p className="field__hint">{t('proxy.snippets.keyMasked')}</p> : null}
      </div>
    </Card>
  );
}
