import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TenantContext } from '../context.js';
import type { Principal } from '../tokens.js';

/** One authenticated, authorized API request, ready for its handler. */
export interface ApiCall {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** Values of the path template's `{name}` segments, decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly principal: Principal;
}

export type ApiHandler = (
  context: TenantContext,
  call: ApiCall,
  res: ServerResponse,
) => Promise<void> | void;
