import { describe, expect, it } from 'vitest';
import { revertSettingsChange } from './revert-settings-change.js';

describe('revertSettingsChange', () => {
  it('takes back what the change set and keeps what was changed after it', () => {
    const before = { proxy: { port: 8045, allow_lan_access: false, max_attempts: 3 } };
    const after = { proxy: { port: 9000, allow_lan_access: true, max_attempts: 3 } };
    const current = { proxy: { port: 9000, allow_lan_access: true, max_attempts: 5 } };
    expect(revertSettingsChange(current, after, before)).toEqual({ proxy: { port: 8045, allow_lan_access: false, max_attempts: 5 } });
  });

  it('leaves a field a later change set to another value', () => {
    const before = { proxy: { port: 8045 } };
    const after = { proxy: { port: 9000 } };
    expect(revertSettingsChange({ proxy: { port: 9100 } }, after, before)).toEqual({ proxy: { port: 9100 } });
  });

  it('removes a record entry the change added and restores one it removed', () => {
    const before = { mapping: { old: 'x' } };
    const after = { mapping: { added: 'y' } };
    expect(revertSettingsChange({ mapping: { added: 'y', later: 'z' } }, after, before)).toEqual({ mapping: { old: 'x', later: 'z' } });
  });
});
