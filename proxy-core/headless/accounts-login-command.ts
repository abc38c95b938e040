/**
 * `skyport accounts login`: print the notice and Google's sign-in address, then wait for the
 * browser to come back to the loopback listener while also reading stdin, where the user pastes
 * the address (or the code) when the browser cannot reach this machine.
 */
import { googleAccountsNotice } from '../accounts/google-accounts-notice.js';
import { toGatewayError } from '../errors/gateway-error.js';
import type { AccountsBackend } from './accounts-backend.js';
import type { CliIo } from './cli-io.js';

export async function runAccountsLogin(gateway: Pick<AccountsBackend, 'startGoogleSignIn'>, io: CliIo): Promise<number> {
  io.stdout(googleAccountsNotice);
  io.stdout('');
  const signIn = await gateway.startGoogleSignIn();
  io.stdout('Open this address in a browser and sign in with the Google account to add:');
  io.stdout('');
  io.stdout(signIn.authorizeUrl);
  io.stdout('');
  io.stdout(`Waiting for the browser to come back to ${signIn.redirectUri} (Ctrl-C cancels).`);
  io.stdout("If that page does not load (Skyport runs on another machine), copy the whole address from the browser's address bar, paste it here and press Enter.");

  let finished = false;
  const stopReading = new AbortController();
  void signIn.completion.finally(() => {
    finished = true;
    stopReading.abort();
  }).catch(() => undefined);
  void io.stopSignal.then(() => signIn.cancel());

  const manual = (async () => {
    for (;;) {
      const line = await io.readLine(stopReading.signal);
      // End of input (or done): the browser may still come back.
      if (line === undefined) return;
      if (line.trim() === '') continue;
      try {
        await signIn.submitManual(line);
        return;
      } catch (error) {
        // The sign-in's own failure is reported once, below.
        if (finished) return;
        io.stderr(`skyport: ${toGatewayError(error).message}`);
      }
    }
  })();

  try {
    const account = await signIn.completion;
    io.stdout(account.email);
    return 0;
  } finally {
    stopReading.abort();
    await manual;
  }
}
