import { describe, expect, it } from 'vitest';
import { safeEqual } from './safe-equal.js';

describe('safeEqual', () => {
  it('is true only for the same text', () => {
    expect(safeEqual('sk-main-key', 'sk-main-key')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('sk-main-kez', 'sk-main-key')).toBe(false);
    expect(safeEqual('sk-main-key', 'sk-main-ke')).toBe(false);
    expect(safeEqual('', 'sk-main-key')).toBe(false);
    expect(safeEqual('SK-MAIN-KEY', 'sk-main-key')).toBe(false);
  });
});
