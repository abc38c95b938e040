/** The page the browser shows after Google sends it back to Skyport: who signed in, or what went wrong. No secrets, no scripts. */

export function renderSignInPage(outcome: { ok: true; email: string } | { ok: false; message: string }): string {
  const title = outcome.ok ? 'Signed in to Skyport' : 'Skyport sign-in failed';
  const body = outcome.ok
    ? `<p>Signed in as <strong>${escapeHtml(outcome.email)}</strong>. The account is in Skyport's pool; you can close this tab.</p>`
    : `<p>${escapeHtml(outcome.message)}</p><p>You can close this tab and start the sign-in again from Skyport.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}h1{font-size:1.4rem}</style>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
