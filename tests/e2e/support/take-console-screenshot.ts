import type { Page } from 'playwright-core';

/**
 * A screenshot of what a user sees in the window (1280x800 unless the test resized it): no
 * leftover notices, fades settled, no caret, no running animations.
 */
export async function takeConsoleScreenshot(page: Page, path: string): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
  await page.waitForTimeout(400);
  await page.screenshot({ path, fullPage: false, animations: 'disabled', caret: 'hide' });
}
