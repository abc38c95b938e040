/** Model mapping rules (exact and wildcard), presets, and "which rule maps this name". */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-state.js';
import type { StoreDependencies } from './store-dependencies.js';
import { emptyResource, type ActionOutcome, type MappingPreset, type MappingPreview, type MappingRule, type Resource } from './view-types.js';

export interface MappingPreviewState {
  model: string;
  result: MappingPreview | null;
  loading: boolean;
  error: string | null;
}

export interface MappingSlice {
  mappingRules: Resource<MappingRule[]>;
  mappingPresets: Resource<MappingPreset[]>;
  mappingPreview: MappingPreviewState;
  loadMappingRules(): Promise<void>;
  loadMappingPresets(): Promise<void>;
  /** Adds or replaces a rule; an edited pattern removes the old one first. */
  saveMappingRule(rule: MappingRule, previousPattern?: string): Promise<ActionOutcome<MappingRule[]>>;
  deleteMappingRule(pattern: string): Promise<ActionOutcome<MappingRule[]>>;
  applyMappingPreset(name: string): Promise<ActionOutcome<MappingRule[]>>;
  previewMapping(model: string): Promise<void>;
}

export function createMappingSlice({ bridge }: StoreDependencies): StateCreator<AppState, [], [], MappingSlice> {
  return (set, get) => {
    const fail = (error: unknown): { ok: false; error: string } => ({ ok: false, error: get().reportError(error) });
    const accept = (rules: MappingRule[]): { ok: true; value: MappingRule[] } => {
      set({ mappingRules: { data: rules, loading: false, error: null } });
      // Rules change what a name resolves to: the shown preview is stale.
      const { model } = get().mappingPreview;
      if (model !== '') void get().previewMapping(model);
      return { ok: true, value: rules };
    };
    return {
      mappingRules: emptyResource(),
      mappingPresets: emptyResource(),
      mappingPreview: { model: '', result: null, loading: false, error: null },

      async loadMappingRules() {
        set((state) => ({ mappingRules: { ...state.mappingRules, loading: true } }));
        try {
          const { rules } = await bridge.api.listMappingRules({});
          set({ mappingRules: { data: rules, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          set((state) => ({ mappingRules: { ...state.mappingRules, loading: false, error: message } }));
        }
      },

      async loadMappingPresets() {
        set((state) => ({ mappingPresets: { ...state.mappingPresets, loading: true } }));
        try {
          const { presets } = await bridge.api.listMappingPresets({});
          set({ mappingPresets: { data: presets, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          set((state) => ({ mappingPresets: { ...state.mappingPresets, loading: false, error: message } }));
        }
      },

      async saveMappingRule(rule, previousPattern) {
        try {
          // Set first: a refused rule must not cost the user the old one.
          let { rules } = await bridge.api.setMappingRule(rule);
          if (previousPattern !== undefined && previousPattern !== rule.pattern) {
            ({ rules } = await bridge.api.deleteMappingRule({ pattern: previousPattern }));
          }
          return accept(rules);
        } catch (error) {
          return fail(error);
        }
      },

      async deleteMappingRule(pattern) {
        try {
          const { rules } = await bridge.api.deleteMappingRule({ pattern });
          return accept(rules);
        } catch (error) {
          return fail(error);
        }
      },

      async applyMappingPreset(name) {
        try {
          const { rules } = await bridge.api.applyMappingPreset({ name });
          return accept(rules);
        } catch (error) {
          return fail(error);
        }
      },

      async previewMapping(model) {
        const name = model.trim();
        if (name === '') {
          set({ mappingPreview: { model: '', result: null, loading: false, error: null } });
          return;
        }
        set((state) => ({ mappingPreview: { ...state.mappingPreview, model: name, loading: true, error: null } }));
        try {
          const result = await bridge.api.previewMapping({ model: name });
          // An older answer must not overwrite the one for the name now in the box.
          if (get().mappingPreview.model !== name) return;
          set({ mappingPreview: { model: name, result, loading: false, error: null } });
        } catch (error) {
          const message = get().reportError(error);
          if (get().mappingPreview.model !== name) return;
          set({ mappingPreview: { model: name, result: null, loading: false, error: message } });
        }
      },
    };
  };
}
