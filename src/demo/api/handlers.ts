import type { OperationId } from '../policy.js';
import { createAccessRequest } from './access-requests.js';
import { listIdentityProfiles, listPasswordPolicies, listWorkflows } from './catalog.js';
import { getIdentity, listIdentities } from './identities.js';
import { getLargeDemoPayload } from './large.js';
import { searchPost } from './search.js';
import type { ApiHandler } from './types.js';

/** One handler per operation of the policy table; the type makes a missing one a compile error. */
export const API_HANDLERS: Record<OperationId, ApiHandler> = {
  listIdentities,
  getIdentity,
  createAccessRequest,
  listIdentityProfiles,
  searchPost,
  listWorkflows,
  getLargeDemoPayload,
  listPasswordPolicies,
};
