import { TENANT } from '../tenant.js';
import type { DemoUser } from '../users.js';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font:16px system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
form{margin:.5rem 0}button{font:inherit;width:100%;padding:.6rem;cursor:pointer}
small{color:#555}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The sign-in page: one form per demo user, each posting the pending request id and a user name
 * to /oauth/authorize/login. Plain forms (no script) so a test can drive it with two requests.
 */
export function loginPage(requestId: string, clientName: string, users: readonly DemoUser[]) {
  const id = escapeHtml(requestId);
  const forms = users
    .map(
      (user) => `<form method="post" action="/oauth/authorize/login">
<input type="hidden" name="request" value="${id}">
<input type="hidden" name="identity" value="${escapeHtml(user.userName)}">
<button type="submit">Sign in as ${escapeHtml(user.identity.name)}
<small>(${escapeHtml(user.userName)}, ${escapeHtml(user.authorities.join(', '))})</small></button>
</form>`,
    )
    .join('\n');
  const deny = `<form method="post" action="/oauth/authorize/login">
<input type="hidden" name="request" value="${id}">
<input type="hidden" name="decision" value="deny">
<button type="submit">Cancel</button></form>`;
  return page(
    `Sign in to ${TENANT.name}`,
    `<h1>${escapeHtml(TENANT.name)}</h1>
<p><strong>${escapeHtml(clientName)}</strong> wants to act on your behalf. No password: this is a demo.</p>
${forms}
${deny}`,
  );
}

/** Shown instead of redirecting when the redirect URI itself cannot be trusted. */
export function errorPage(message: string): string {
  return page('Sign-in error', `<h1>Sign-in error</h1><p>${escapeHtml(message)}</p>`);
}
