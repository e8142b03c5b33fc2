import { IDENTITY_PROFILES, PASSWORD_POLICIES, WORKFLOWS } from '../data/catalog.js';
import { readPaging, sendPage } from './paging.js';
import type { ApiHandler } from './types.js';

/** GET /v3/identity-profiles */
export const listIdentityProfiles: ApiHandler = (_context, { url }, res) => {
  sendPage(res, IDENTITY_PROFILES, readPaging(url));
};

/** GET /beta/workflows */
export const listWorkflows: ApiHandler = (_context, { url }, res) => {
  sendPage(res, WORKFLOWS, readPaging(url));
};

/** GET /v2025/password-policies (experimental: the router has checked the header) */
export const listPasswordPolicies: ApiHandler = (_context, { url }, res) => {
  sendPage(res, PASSWORD_POLICIES, readPaging(url));
};
