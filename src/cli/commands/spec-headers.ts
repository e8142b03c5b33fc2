import type { CallRequest } from '../../core/call/execute.js';
import type { CatalogOperation } from '../../core/catalog/index.js';
import { missingSpecHeaders } from '../../core/catalog/spec-headers.js';
import { note, warn } from '../output.js';

/**
 * The request with the headers its operation's spec requires and the user did not give
 * (SailPoint's `X-SailPoint-Experimental: true`), each one said on stderr. `--no-spec-headers`
 * (enabled: false) sends the request as written.
 */
export function withSpecHeaders(
  request: CallRequest,
  operation: CatalogOperation | null | undefined,
  enabled: boolean,
  command: string,
): CallRequest {
  if (!operation) return request;
  const { added, unfillable } = missingSpecHeaders(operation, request.headers);
  for (const name of unfillable) {
    warn(`the spec requires the header ${name} and gives no value for it: add -H '${name}: …'`);
  }
  if (added.length === 0) return request;
  if (!enabled) {
    warn(
      `not adding ${added.map(([name]) => name).join(', ')}, which the spec requires (--no-spec-headers)`,
    );
    return request;
  }
  for (const [name, value] of added) {
    note(
      `${command}: added ${name}: ${value} (required by the spec; --no-spec-headers leaves it out)`,
    );
  }
  return { ...request, headers: { ...request.headers, ...Object.fromEntries(added) } };
}
