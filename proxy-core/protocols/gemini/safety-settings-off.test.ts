import { describe, expect, it } from 'vitest';
import { safetySettingsOff } from './safety-settings-off.js';

describe('safetySettingsOff', () => {
  it('turns the four adjustable harm categories off', () => {
    expect(safetySettingsOff).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'OFF' },
      { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'OFF' },
      { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', threshold: 'OFF' },
      { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', threshold: 'OFF' },
    ]);
    expect(Object.isFrozen(safetySettingsOff)).toBe(true);
  });
});
