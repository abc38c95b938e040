/** Mapping rules (`proxy.custom_mapping`), presets and "which rule maps this name". */
import type { Gateway } from './gateway.js';
import { GatewayError } from '../errors/gateway-error.js';
import { mappingPresets } from '../mapping/mapping-presets.js';
import { describeModelRoute } from '../mapping/describe-model-route.js';
import { resolveConfiguredModel } from '../mapping/resolve-configured-model.js';
import { noTools, resolveTarget } from '../mapping/resolve-target.js';
import type { ControlHandlers } from './control-handlers.js';
import { saveSettings } from './save-settings.js';

type MappingGateway = Pick<Gateway, 'settingsStore' | 'settings' | 'accountStore' | 'status' | 'moveListener'>;

type MappingHandlers = Pick<
  ControlHandlers,
  'listMappingRules' | 'setMappingRule' | 'deleteMappingRule' | 'listMappingPresets' | 'applyMappingPreset' | 'previewMapping'
>;

export function createMappingOperations(gateway: MappingGateway): MappingHandlers {
  const rules = () => Object.entries(gateway.settingsStore.get().proxy.custom_mapping).map(([pattern, target]) => ({ pattern, target }));
  /** One read-modify-write of the rules: `change` edits a copy of the rules saved so far. */
  const saveMapping = async (change: (mapping: Record<string, string>) => void) => {
    await saveSettings(gateway, (current) => {
      const mapping = { ...current.proxy.custom_mapping };
      change(mapping);
      return { ...current, proxy: { ...current.proxy, custom_mapping: mapping } };
    });
    return { rules: rules() };
  };

  return {
    async listMappingRules() {
      return { rules: rules() };
    },

    async setMappingRule({ pattern, target }) {
      return saveMapping((mapping) => {
        mapping[pattern.trim()] = target.trim();
      });
    },

    async deleteMappingRule({ pattern }) {
      return saveMapping((mapping) => {
        if (!Object.hasOwn(mapping, pattern)) {
          throw new GatewayError('not_found', `There is no mapping rule for "${pattern}".`, { code: 'mapping_rule_not_found', param: 'pattern' });
        }
        delete mapping[pattern];
      });
    },

    async listMappingPresets() {
      return { presets: mappingPresets.map((preset) => ({ name: preset.name, description: preset.description, rules: preset.rules.map((rule) => ({ ...rule })) })) };
    },

    async applyMappingPreset({ name }) {
      const preset = mappingPresets.find((candidate) => candidate.name === name);
      if (preset === undefined) {
        const known = mappingPresets.map((candidate) => `"${candidate.name}"`).join(', ');
        throw new GatewayError('not_found', `No mapping preset "${name}". Presets: ${known}.`, { code: 'mapping_preset_not_found', param: 'name' });
      }
      return saveMapping((mapping) => {
        for (const rule of preset.rules) mapping[rule.pattern] = rule.target;
      });
    },

    // Exactly what `POST /v1/models/detect` answers: the target a request with this name and no tools gets.
    async previewMapping({ model }) {
      const resolved = resolveConfiguredModel(model, { settings: gateway.settings, accounts: () => gateway.accountStore.list() });
      const route = describeModelRoute(resolveTarget(resolved, noTools));
      return {
        requested: route.model,
        model: route.mapped_model,
        rule: route.rule,
        type: route.type,
        features: route.features,
        config: route.config ?? null,
      };
    },
  };
}
