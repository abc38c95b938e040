/** "Try a model name": the model the gateway would call for it, and which rule decided. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/app-store-context.js';
import { selectMappingPreview, selectPreviewMapping } from '../../store/selectors.js';
import type { MappingPreview } from '../../store/view-types.js';

export function MappingPreviewBox() {
  const { t } = useTranslation();
  const preview = useAppStore(selectMappingPreview);
  const run = useAppStore(selectPreviewMapping);
  const [model, setModel] = useState(preview.model);

  useEffect(() => {
    // Ask once typing pauses, not on every key.
    const timer = setTimeout(() => void run(model), 300);
    return () => clearTimeout(timer);
  }, [model, run]);

  return (
    <div className="panel">
      <label htmlFor="mapping-try" className="panel__title">
        {t('proxy.mapping.tryTitle')}
      </label>
      <p className="panel__text">
        {t('proxy.mapping.tryDescription')} {t('proxy.mapping.sameAsDetect')}
      </p>
      <input id="mapping-try" className="input" value={model} spellCheck={false} autoComplete="off" placeholder="gpt-4o-mini" onChange={(event) => setModel(event.target.value)} />
      <div className="preview-result" aria-live="polite" data-testid="mapping-preview">
        {model.trim() === '' ? null : preview.error !== null ? (
          <p className="form__error">{preview.error}</p>
        ) : preview.result !== null && preview.result.requested === model.trim() ? (
          <PreviewResult result={preview.result} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </div>
    </div>
  );
}

function PreviewResult({ result }: { result: MappingPreview }) {
  const { t } = useTranslation();
  const pattern = result.rule.pattern ?? '';
  const explanations: Record<MappingPreview['rule']['kind'], string> = {
    exact: t('proxy.mapping.matched.exact', { pattern }),
    wildcard: t('proxy.mapping.matched.wildcard', { pattern }),
    default: t('proxy.mapping.matched.default', { pattern }),
    family: t('proxy.mapping.matched.family', { pattern }),
    upstream_model: t('proxy.mapping.matched.upstream_model'),
    passthrough: t('proxy.mapping.matched.passthrough'),
  };
  const shape = [
    result.config?.aspectRatio === undefined ? null : t('proxy.mapping.aspectRatio', { value: result.config.aspectRatio }),
    result.config?.imageSize === undefined ? null : t('proxy.mapping.imageSize', { value: result.config.imageSize }),
  ].filter((part): part is string => part !== null);
  return (
    <>
      <p className="preview-result__model">
        <code>{result.requested}</code> <span aria-hidden="true">→</span>
        <span className="visually-hidden">{t('proxy.mapping.resolvesTo')}</span> <code className="preview-result__target">{result.model}</code>
      </p>
      <p className="preview-result__rule">{explanations[result.rule.kind]}</p>
      <p className="preview-result__rule" data-testid="mapping-preview-type">
        {t('proxy.mapping.requestType')}: <code>{result.type === 'image_gen' ? t('proxy.mapping.requestTypeImage') : t('proxy.mapping.requestTypeAgent')}</code>
      </p>
      {result.features.has_web_search ? <p className="preview-result__rule">{t('proxy.mapping.webSearch')}</p> : null}
      {shape.length === 0 ? null : <p className="preview-result__rule">{t('proxy.mapping.imageShape', { shape: shape.join(', ') })}</p>}
    </>
  );
}
