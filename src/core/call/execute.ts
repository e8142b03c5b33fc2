import { type DeclaredSecurity, type Explanation, explainFailure } from '../explain/explain.js';
import {
  type OutgoingRequest,
  type PageInfo,
  type RequestAuthorization,
  type ResponseRecord,
  type SendOptions,
  paginate,
  sendRequest,
} from '../http/index.js';
import type { TokenIdentity } from '../identity/types.js';
import { formatBytes } from '../text/size.js';
import { resolveUrl } from './url.js';
import type { Profile } from '../profiles/schema.js';
import type { Interaction, TokenResult, TokenService } from '../tokens/service.js';

/** A request as the user writes it: the path is relative to the profile's base URL. */
export interface CallRequest {
  method: string;
  /** `/v3/identities`, optionally with a query string, or an absolute URL. */
  path: string;
  query?: ReadonlyArray<readonly [string, string]>;
  headers?: Readonly<Record<string, string>>;
  body?: string;
}

export interface CallOptions extends Omit<SendOptions, 'authorization'> {
  /** The operation's declared security, for a sharper explanation of a 401/403. */
  operation?: DeclaredSecurity | null;
}

export interface CallResult {
  url: string;
  response: ResponseRecord;
  /** Who the token that made the call is; null when no token was sent. */
  identity: TokenIdentity | null;
  token: TokenResult | null;
  explanation: Explanation | null;
}

export interface PagedCallResult extends CallResult {
  /** Every item of every page, in order (pages whose body is a JSON array). */
  items: unknown[];
  pages: number;
  /**
   * Why `items` may miss some of the collection: a page whose body was cut by the body cap, or
   * a next link that could not be followed. Empty when the walk ended as the server said.
   */
  incomplete: string[];
}

/** How much of a failed body is read to explain it. */
const EXPLAIN_BODY_LIMIT = 64 * 1024;

/**
 * Sends one request with a profile's token: the token is fetched (or reused) only when the
 * engine is about to talk to the profile's own origin, refreshed once after a 401, and described
 * afterwards so every view can show who made the call and why it failed.
 */
export async function executeCall(
  profile: Profile,
  request: CallRequest,
  tokens: TokenService,
  interaction: Interaction,
  options: CallOptions = {},
): Promise<CallResult> {
  const { operation, ...send } = options;
  const prepared = prepare(profile, request, tokens, interaction);
  const response = await sendRequest(prepared.outgoing, {
    ...send,
    authorization: prepared.authorization,
  });
  return finish(tokens, profile, prepared.outgoing.url, response, prepared.tokenUsed(), {
    operation,
  });
}

/**
 * Like executeCall, but follows the pages (limit/offset with X-Total-Count, or Link rel="next")
 * and gathers their items. Stops at the first failed page and reports that response.
 */
export async function executeAllPages(
  profile: Profile,
  request: CallRequest,
  tokens: TokenService,
  interaction: Interaction,
  options: CallOptions & { onPage?: (info: PageInfo) => void; maxPages?: number } = {},
): Promise<PagedCallResult> {
  const { operation, onPage, maxPages, ...send } = options;
  const prepared = prepare(profile, request, tokens, interaction);
  const items: unknown[] = [];
  const incomplete: string[] = [];
  let pages = 0;
  let last: ResponseRecord | undefined;
  const sendPage = (outgoing: OutgoingRequest) =>
    sendRequest(outgoing, { ...send, authorization: prepared.authorization });
  for await (const page of paginate(prepared.outgoing, sendPage, { onPage, maxPages })) {
    pages += 1;
    last = page.response;
    if (page.response.status >= 400) break;
    if (page.response.truncated) {
      incomplete.push(
        `page ${page.number}: body cut at ${formatBytes(page.response.bodyLimitBytes)}, its items are missing`,
      );
    }
    if (page.stopped !== null) incomplete.push(page.stopped);
    items.push(...(page.items ?? []));
  }
  if (!last) throw new Error('pagination yielded no page');
  const result = await finish(tokens, profile, last.request.url, last, prepared.tokenUsed(), {
    operation,
  });
  return { ...result, items, pages, incomplete };
}

function prepare(
  profile: Profile,
  request: CallRequest,
  tokens: TokenService,
  interaction: Interaction,
) {
  let used: TokenResult | null = null;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  if (request.body !== undefined && !hasHeader(headers, 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const authorization: RequestAuthorization = {
    origin: new URL(profile.baseUrl).origin,
    // A pasted token comes back the same from getToken: a 401 is not worth a second try.
    renewable: profile.grant !== 'static',
    getToken: async ({ force }) => {
      used = await tokens.getToken(profile, interaction, { force });
      return used.token.accessToken;
    },
    secrets: () => [
      ...(used?.token.refreshToken ? [used.token.refreshToken] : []),
      ...tokens.secretsSeen(profile),
    ],
  };
  const outgoing: OutgoingRequest = {
    method: request.method.toUpperCase(),
    url: resolveUrl(profile.baseUrl, request.path, request.query),
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
  return { outgoing, authorization, tokenUsed: (): TokenResult | null => used };
}

async function finish(
  tokens: TokenService,
  profile: Profile,
  url: string,
  response: ResponseRecord,
  token: TokenResult | null,
  context: Pick<CallOptions, 'operation'>,
): Promise<CallResult> {
  const identity = token ? await tokens.describe(profile, token) : null;
  const explanation = explainFailure({
    status: response.status,
    headers: response.headers,
    bodyText: response.body.subarray(0, EXPLAIN_BODY_LIMIT).toString('utf8'),
    identity,
    operation: context.operation,
    profile: {
      name: profile.name,
      grant: profile.grant,
      preset: profile.preset,
      scopes: profile.scopes,
    },
  });
  return { url, response, identity, token, explanation };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
