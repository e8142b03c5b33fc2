import { randomBytes } from 'node:crypto';
import type { AccessItemType } from '../data/catalog.js';

export interface RequestedItem {
  readonly type: AccessItemType;
  readonly id: string;
}

/** SailPoint's AccessRequestTracking: what was asked for one identity, and the request ids. */
export interface AccessRequestTracking {
  readonly requestedFor: string;
  readonly requestedItemsDetails: RequestedItem[];
  readonly accessRequestIds: string[];
}

/**
 * Remembers what has been requested for whom, so that asking again for the same item lands in
 * `existingRequests` as it does on a real tenant instead of creating a duplicate.
 */
export class AccessRequestLedger {
  private readonly requests = new Map<string, string>();

  submit(requestType: string, requestedFor: readonly string[], items: readonly RequestedItem[]) {
    const newRequests: AccessRequestTracking[] = [];
    const existingRequests: AccessRequestTracking[] = [];
    for (const identityId of requestedFor) {
      const fresh: AccessRequestTracking = {
        requestedFor: identityId,
        requestedItemsDetails: [],
        accessRequestIds: [],
      };
      const known: AccessRequestTracking = {
        requestedFor: identityId,
        requestedItemsDetails: [],
        accessRequestIds: [],
      };
      for (const item of items) {
        const key = `${requestType}/${identityId}/${item.type}/${item.id}`;
        const existing = this.requests.get(key);
        const target = existing ? known : fresh;
        const requestId = existing ?? randomBytes(16).toString('hex');
        this.requests.set(key, requestId);
        target.requestedItemsDetails.push({ type: item.type, id: item.id });
        target.accessRequestIds.push(requestId);
      }
      if (fresh.accessRequestIds.length > 0) newRequests.push(fresh);
      if (known.accessRequestIds.length > 0) existingRequests.push(known);
    }
    return { newRequests, existingRequests };
  }
}
