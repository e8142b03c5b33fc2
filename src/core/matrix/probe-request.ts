import type { CallRequest } from '../call/execute.js';
import type { CatalogOperation } from '../catalog/types.js';
import { missingSpecHeaders } from '../catalog/spec-headers.js';

/**
 * The request a probe may send for an operation: only GET, only without path parameters (a made
 * up id would say nothing about access), and required query parameters and headers only when
 * the spec gives an example for them. Null for anything else; a probe never sends a method that changes data.
 */
export function probeRequest(operation: CatalogOperation): CallRequest | null {
  if (operation.method !== 'GET') return null;
  if (operation.pathParams.length > 0 || operation.path.includes('{')) return null;
  const query: [string, string][] = [];
  for (const parameter of operation.queryParams) {
    if (!parameter.required) continue;
    const example = parameter.example;
    if (example === undefined || example === null || typeof example === 'object') return null;
    query.push([parameter.name, String(example)]);
  }
  // Required headers go as the spec suggests (X-SailPoint-Experimental: true); one without a
  // value would make the call fail for a reason that says nothing about access.
  const { added, unfillable } = missingSpecHeaders(operation, {});
  if (unfillable.length > 0) return null;
  return {
    method: 'GET',
    path: operation.path,
    ...(query.length > 0 ? { query } : {}),
    ...(added.length > 0 ? { headers: Object.fromEntries(added) } : {}),
  };
}
