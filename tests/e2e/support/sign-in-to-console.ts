/** Signing in to the web console the way a user does: the credential field, then "Sign in". */
import type { Page } from 'playwright-core';

/** Fills the credential field of the sign-in form and submits it; what follows is the caller's to check. */
export async function submitConsoleSignIn(page: Page, credential: string): Promise<void> {
  await page.getByLabel('Admin token or console password').fill(credential);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export interface SignInToConsoleOptions {
  /**
   * Sign in only when the form shows: a test that visits a second gateway in the same browser may
   * find itself signed in already.
   */
  onlyWhenAsked?: boolean;
}

/** Opens `<origin>/console/`, signs in with `credential` and waits for the Dashboard. */
export async function signInToConsole(page: Page, origin: string, credential: string, options: SignInToConsoleOptions = {}): Promise<void> {
  await page.goto(`${origin}/console/`);
  const asked = options.onlyWhenAsked === true ? await page.getByLabel('Admin token or console password').isVisible().catch(() => false) : true;
  if (asked) await submitConsoleSignIn(page, credential);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}
