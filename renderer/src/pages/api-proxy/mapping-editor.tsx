/**
 * Model mapping: the user's exact and wildcard rules (add, edit, delete), presets, and the
 * "try a model name" box that asks the gateway which rule wins.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.js';
import { Card } from '../../components/card.js';
import { Field } from '../../components/field.js';
import { EditIcon, PlusIcon, TrashIcon } from '../../components/icons.js';
import { EmptyState, ResourceView } from '../../components/load-states.js';
import { collectFieldErrors, type FieldErrors } from '../../forms/collect-field-errors.js';
import { isWildcardPattern, mappingRuleFormSchema, type MappingRuleFormField } from '../../forms/mapping-rule-schema.js';
import type { TranslationKey } from '../../i18n/translation-key.js';
import { useAppStore } from '../../store/app-store-context.js';
import { collectKnownModels } from '../../store/derive-account-summaries.js';
import {
  selectAccounts,
  selectApplyMappingPreset,
  selectDeleteMappingRule,
  selectLoadMappingRules,
  selectMappingPresets,
  selectMappingRules,
  selectNotify,
  selectSaveMappingRule,
} from '../../store/selectors.js';
import type { MappingPreset, MappingRule } from '../../store/view-types.js';
import { MappingPreviewBox } from './mapping-preview-box.js';

export function MappingEditor() {
  const { t } = useTranslation();
  const rules = useAppStore(selectMappingRules);
  const reload = useAppStore(selectLoadMappingRules);
  const [editing, setEditing] = useState<MappingRule | null>(null);
  return (
    <Card title={t('proxy.mapping.title')} description={t('proxy.mapping.description')} className="grid__wide" id="mapping">
      <div className="mapping">
        <div className="mapping__rules">
          <ResourceView resource={rules} onRetry={() => void reload()}>
            {(items) => <RuleTable rules={items} onEdit={setEditing} editingPattern={editing?.pattern ?? null} />}
          </ResourceView>
          <RuleForm key={editing?.pattern ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
        </div>
        <aside className="mapping__side">
          <MappingPreviewBox />
          <PresetPicker />
        </aside>
      </div>
    </Card>
  );
}

function RuleTable({ rules, onEdit, editingPattern }: { rules: MappingRule[]; onEdit: (rule: MappingRule) => void; editingPattern: string | null }) {
  const { t } = useTranslation();
  const deleteRule = useAppStore(selectDeleteMappingRule);
  const notify = useAppStore(selectNotify);
  const [deleting, setDeleting] = useState<string | null>(null);
  if (rules.length === 0) return <EmptyState title={t('proxy.mapping.empty')} text={t('proxy.mapping.emptyText')} />;
  const remove = async (pattern: string) => {
    setDeleting(pattern);
    const outcome = await deleteRule(pattern);
    setDeleting(null);
    if (!outcome.ok) notify('error', outcome.error);
  };
  return (
    <table className="table table--compact table--cards mapping-table">
      <caption className="visually-hidden">{t('proxy.mapping.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('proxy.mapping.pattern')}</th>
          <th scope="col">{t('proxy.mapping.kind')}</th>
          <th scope="col">{t('proxy.mapping.target')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rules.map((rule) => (
          <tr key={rule.pattern} className={editingPattern === rule.pattern ? 'table__row--selected' : undefined}>
            <td data-label={t('proxy.mapping.pattern')} className="mapping-table__pattern">
              <code>{rule.pattern}</code>
            </td>
            <td data-label={t('proxy.mapping.kind')}>
              <span className={isWildcardPattern(rule.pattern) ? 'badge badge--wildcard' : 'badge badge--exact'}>
                {isWildcardPattern(rule.pattern) ? t('proxy.mapping.wildcard') : t('proxy.mapping.exact')}
              </span>
            </td>
            <td data-label={t('proxy.mapping.target')}>
              <code>{rule.target}</code>
            </td>
            <td className="table__actions">
              <button type="button" className="icon-button" aria-label={t('proxy.mapping.editRule', { pattern: rule.pattern })} title={t('proxy.mapping.editRule', { pattern: rule.pattern })} onClick={() => onEdit(rule)}>
                <EditIcon />
              </button>
              <button
                type="button"
                className="icon-button icon-button--danger"
                aria-label={t('proxy.mapping.deleteRule', { pattern: rule.pattern })}
                title={t('proxy.mapping.deleteRule', { pattern: rule.pattern })}
                disabled={deleting === rule.pattern}
                onClick={() => void remove(rule.pattern)}
              >
                <TrashIcon />
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RuleForm({ editing, onDone }: { editing: MappingRule | null; onDone: () => void }) {
  const { t } = useTranslation();
  const saveRule = useAppStore(selectSaveMappingRule);
  const notify = useAppStore(selectNotify);
  const accounts = useAppStore(selectAccounts).data;
  const rules = useAppStore(selectMappingRules).data;
  const [pattern, setPattern] = useState(editing?.pattern ?? '');
  const [target, setTarget] = useState(editing?.target ?? '');
  const [errors, setErrors] = useState<FieldErrors<MappingRuleFormField>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const listId = useId();
  const suggestions = useMemo(() => {
    const models = new Set(collectKnownModels(accounts ?? []));
    for (const rule of rules ?? []) models.add(rule.target);
    return [...models].sort();
  }, [accounts, rules]);
  const error = (field: MappingRuleFormField) => (errors[field] === undefined ? null : t(errors[field] as TranslationKey));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(null);
    const parsed = mappingRuleFormSchema.safeParse({ pattern, target });
    if (!parsed.success) {
      setErrors(collectFieldErrors<MappingRuleFormField>(parsed.error));
      return;
    }
    setErrors({});
    setSaving(true);
    const outcome = await saveRule(parsed.data, editing?.pattern);
    setSaving(false);
    if (!outcome.ok) {
      setServerError(outcome.error);
      return;
    }
    notify('success', t('proxy.mapping.saved', { pattern: parsed.data.pattern }));
    setPattern('');
    setTarget('');
    onDone();
  };

  return (
    <form className="form rule-form" noValidate onSubmit={(event) => void submit(event)} aria-label={editing === null ? t('proxy.mapping.addRule') : t('proxy.mapping.editTitle')}>
      <div className="rule-form__fields">
        <Field id="rule-pattern" label={t('proxy.mapping.pattern')} hint={t('proxy.mapping.patternHint')} error={error('pattern')}>
          <input className="input" value={pattern} spellCheck={false} autoComplete="off" placeholder="gpt-4o*" onChange={(event) => setPattern(event.target.value)} />
        </Field>
        <span className="rule-form__arrow" aria-hidden="true">
          →
        </span>
        <Field id="rule-target" label={t('proxy.mapping.target')} hint={t('proxy.mapping.targetHint')} error={error('target')}>
          <input className="input" value={target} list={listId} spellCheck={false} autoComplete="off" placeholder="gemini-3-flash" onChange={(event) => setTarget(event.target.value)} />
        </Field>
        <datalist id={listId}>
          {suggestions.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
      </div>
      {serverError === null ? null : (
        <p className="form__error" role="alert">
          {serverError}
        </p>
      )}
      <div className="form__actions">
        <Button type="submit" variant="primary" icon={editing === null ? <PlusIcon /> : undefined} busy={saving}>
          {editing === null ? t('proxy.mapping.addRule') : t('proxy.mapping.saveRule')}
        </Button>
        {editing === null ? null : (
          <Button variant="ghost" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}


/**
 * The built-in presets' names and descriptions in the user's language, by the name the gateway
 * gives them (its text is English); a preset this table does not know is shown as the gateway says.
 */
const presetTextKeys: Partial<Record<string, { name: TranslationKey; description: TranslationKey }>> = {
  'OpenAI names to Gemini': { name: 'proxy.mapping.presetText.openaiToGemini.name', description: 'proxy.mapping.presetText.openaiToGemini.description' },
  'Claude Code: keep Claude for main model, Flash for haiku': {
    name: 'proxy.mapping.presetText.claudeCodeKeepClaude.name',
    description: 'proxy.mapping.presetText.claudeCodeKeepClaude.description',
  },
  'Claude Code on Gemini': { name: 'proxy.mapping.presetText.claudeCodeOnGemini.name', description: 'proxy.mapping.presetText.claudeCodeOnGemini.description' },
  'Everything on Flash (cheapest)': { name: 'proxy.mapping.presetText.everythingOnFlash.name', description: 'proxy.mapping.presetText.everythingOnFlash.description' },
};

function PresetPicker() {
  const { t } = useTranslation();
  const presets = useAppStore(selectMappingPresets);
  const apply = useAppStore(selectApplyMappingPreset);
  const notify = useAppStore(selectNotify);
  const [selected, setSelected] = useState('');
  const [applying, setApplying] = useState(false);
  const list = presets.data ?? [];
  const presetText = (item: MappingPreset) => {
    const keys = presetTextKeys[item.name];
    return keys === undefined ? { name: item.name, description: item.description } : { name: t(keys.name), description: t(keys.description) };
  };
  const preset = list.find((item) => item.name === selected);
  if (presets.data !== null && list.length === 0) return null;

  const run = async () => {
    if (preset === undefined) return;
    setApplying(true);
    const outcome = await apply(preset.name);
    setApplying(false);
    notify(outcome.ok ? 'success' : 'error', outcome.ok ? t('proxy.mapping.presetApplied', { name: presetText(preset).name }) : outcome.error);
  };

  return (
    <div className="panel">
      <h3 className="panel__title">{t('proxy.mapping.presets')}</h3>
      <p className="panel__text">{t('proxy.mapping.presetsDescription')}</p>
      <div className="inline-form">
        <label htmlFor="mapping-preset" className="visually-hidden">
          {t('proxy.mapping.presets')}
        </label>
        <select id="mapping-preset" className="input" value={selected} disabled={presets.data === null} onChange={(event) => setSelected(event.target.value)}>
          <option value="">{presets.data === null ? t('common.loading') : t('proxy.mapping.choosePreset')}</option>
          {list.map((item) => (
            <option key={item.name} value={item.name}>
              {presetText(item).name}
            </option>
          ))}
        </select>
        <Button variant="secondary" disabled={preset === undefined} busy={applying} onClick={() => void run()}>
          {t('proxy.mapping.applyPreset')}
        </Button>
      </div>
      {preset === undefined ? null : (
        <div className="preset-detail">
          <p>{presetText(preset).description}</p>
          <ul className="preset-detail__rules">
            {preset.rules.map((rule) => (
              <li key={rule.pattern}>
                <code>{rule.pattern}</code> → <code>{rule.target}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {presets.error === null ? null : <p className="form__error">{presets.error}</p>}
    </div>
  );
}
