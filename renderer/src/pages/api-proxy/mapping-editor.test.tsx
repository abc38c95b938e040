import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeBridge, httpError } from '../../../test-support/create-fake-bridge.js';
import { renderApp } from '../../../test-support/render-with-app.js';

function ruleForm(name = 'Add rule') {
  return screen.getByRole('form', { name });
}

describe('mapping rules editor', () => {
  it('lists the rules with their kind and shows an empty state without any', async () => {
    const bridge = createFakeBridge();
    bridge.api.listMappingRules.mockResolvedValueOnce({ rules: [] });
    renderApp('proxy', { bridge });
    expect(await screen.findByText('No mapping rules')).toBeTruthy();
  });

  it('validates a new rule, then adds a wildcard rule', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    await screen.findByText('gpt-4o');
    await user.click(within(ruleForm()).getByRole('button', { name: 'Add rule' }));
    expect(within(ruleForm()).getByText('Enter a model name or pattern.')).toBeTruthy();
    expect(within(ruleForm()).getByText('Enter the upstream model.')).toBeTruthy();
    await user.type(within(ruleForm()).getByLabelText('Client model name'), 'my team-*');
    await user.type(within(ruleForm()).getByLabelText('Upstream model'), 'gemini-*');
    await user.click(within(ruleForm()).getByRole('button', { name: 'Add rule' }));
    expect(within(ruleForm()).getByText('Model names have no spaces.')).toBeTruthy();
    expect(within(ruleForm()).getByText(/one exact name/)).toBeTruthy();
    expect(bridge.api.setMappingRule).not.toHaveBeenCalled();

    const pattern = within(ruleForm()).getByLabelText('Client model name');
    const target = within(ruleForm()).getByLabelText('Upstream model');
    await user.clear(pattern);
    await user.type(pattern, 'team-*');
    await user.clear(target);
    await user.type(target, 'gemini-3-flash');
    await user.click(within(ruleForm()).getByRole('button', { name: 'Add rule' }));
    expect(bridge.api.setMappingRule).toHaveBeenCalledWith({ pattern: 'team-*', target: 'gemini-3-flash' });
    const table = screen.getByRole('table', { name: 'Model mapping' });
    expect(await within(table).findByText('team-*')).toBeTruthy();
    expect(within(table).getByText('Wildcard')).toBeTruthy();
  });

  it('shows the server’s refusal of a rule', async () => {
    const bridge = createFakeBridge();
    bridge.api.setMappingRule.mockRejectedValue(httpError(400, 'proxy.custom_mapping: target model must not be empty'));
    const { user } = renderApp('proxy', { bridge });
    await screen.findByText('gpt-4o');
    await user.type(within(ruleForm()).getByLabelText('Client model name'), 'x');
    await user.type(within(ruleForm()).getByLabelText('Upstream model'), 'y');
    await user.click(within(ruleForm()).getByRole('button', { name: 'Add rule' }));
    expect(await within(ruleForm()).findByText('proxy.custom_mapping: target model must not be empty')).toBeTruthy();
  });

  it('edits a rule (a renamed pattern replaces the old one) and deletes one', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    await user.click(await screen.findByRole('button', { name: 'Edit rule gpt-4o' }));
    const form = ruleForm('Edit rule');
    const pattern = within(form).getByLabelText('Client model name') as HTMLInputElement;
    expect(pattern.value).toBe('gpt-4o');
    await user.clear(pattern);
    await user.type(pattern, 'gpt-4o*');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));
    await waitFor(() => expect(bridge.api.deleteMappingRule).toHaveBeenCalledWith({ pattern: 'gpt-4o' }));
    expect(bridge.api.setMappingRule).toHaveBeenCalledWith({ pattern: 'gpt-4o*', target: 'gemini-3-flash' });
  });

  it('“try a model name” shows the resolved model and the rule that matched', async () => {
    const bridge = createFakeBridge();
    bridge.api.previewMapping.mockImplementation(async ({ model }) => ({
      requested: model,
      model: 'gemini-3-flash',
      rule: { kind: 'wildcard', pattern: 'gpt-4o*' },
      type: 'agent',
      features: { has_web_search: false, is_image_gen: false },
      config: null,
    }));
    const { user } = renderApp('proxy', { bridge });
    await user.type(await screen.findByLabelText('Try a model name'), 'gpt-4o-mini');
    const result = screen.getByTestId('mapping-preview');
    await waitFor(() => expect(result.textContent).toContain('Matched the wildcard rule gpt-4o*.'));
    expect(result.textContent).toContain('gemini-3-flash');
    expect(bridge.api.previewMapping).toHaveBeenLastCalledWith({ model: 'gpt-4o-mini' });
  });

  it('applies a preset', async () => {
    const bridge = createFakeBridge();
    const { user } = renderApp('proxy', { bridge });
    const select = await screen.findByLabelText('Presets');
    await waitFor(() => expect(within(select).getByRole('option', { name: 'claude-to-gemini' })).toBeTruthy());
    await user.selectOptions(select, 'claude-to-gemini');
    expect(screen.getByText('Send Claude names to Gemini.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(bridge.api.applyMappingPreset).toHaveBeenCalledWith({ name: 'claude-to-gemini' });
    expect(await within(screen.getByRole('table', { name: 'Model mapping' })).findByText('claude-*')).toBeTruthy();
  });
});
