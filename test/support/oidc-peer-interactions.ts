import type { IncomingMessage } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionDetails, ProviderContext } from 'oidc-provider';
import { DEMO_ACCOUNTS } from './oidc-peer-accounts.js';

/**
 * Minimal login and consent pages in place of oidc-provider's devInteractions: a real password
 * check against DEMO_ACCOUNTS, and consent that grants what the client asked for.
 */
export async function interaction(
  provider: Provider,
  ctx: ProviderContext,
  action: string | undefined,
): Promise<void> {
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  const prompt = details.prompt.name;
  if (action === undefined && ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = prompt === 'login' ? loginPage(details.uid) : consentPage(details);
    return;
  }
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    return;
  }
  const form = new URLSearchParams(await readBody(ctx.req));
  let result: Record<string, unknown>;
  let merge = false;
  if (action === 'login' && prompt === 'login') {
    const account = DEMO_ACCOUNTS.find(
      (candidate) =>
        candidate.username === form.get('login') && candidate.password === form.get('password'),
    );
    if (account === undefined) {
      ctx.status = 401;
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, 'Wrong user name or password.');
      return;
    }
    result = { login: { accountId: account.accountId } };
  } else if (action === 'confirm' && prompt === 'consent') {
    result = { consent: { grantId: await grantEverythingAsked(provider, details) } };
    merge = true;
  } else if (action === 'abort') {
    result = { error: 'access_denied', error_description: 'the person declined' };
  } else {
    ctx.status = 400;
    ctx.body = `unexpected ${action ?? 'submission'} during the ${prompt} prompt`;
    return;
  }
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: merge,
  });
  ctx.redirect(returnTo);
  ctx.status = 303;
}

async function grantEverythingAsked(provider: Provider, details: InteractionDetails) {
  const grant =
    (details.grantId !== undefined ? await provider.Grant.find(details.grantId) : undefined) ??
    new provider.Grant({
      accountId: details.session?.accountId ?? '',
      clientId: details.params.client_id,
    });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  return grant.save();
}

function loginPage(uid: string, error?: string): string {
  return `<!doctype html><title>Sign in</title>${error ? `<p>${error}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
  <input name="login" type="text"><input name="password" type="password">
  <button type="submit">Sign in</button>
</form>`;
}

function consentPage(details: InteractionDetails): string {
  return `<!doctype html><title>Authorize</title>
<p>${escapeHtml(details.params.client_id)} asks for ${escapeHtml(String(details.params['scope'] ?? ''))}</p>
<form method="post" action="/interaction/${details.uid}/confirm">
  <button type="submit">Allow</button>
</form>`;
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
