export { authorizationCode } from './authorization-code.js';
export { clientCredentials } from './client-credentials.js';
export { deviceCode } from './device-code.js';
export { discover } from './discover.js';
export { introspect } from './introspect.js';
export { refresh } from './refresh.js';
export type {
  AuthServer,
  AuthorizationCodeOptions,
  ClientCredentialsOptions,
  DeviceCodeOptions,
  DevicePrompt,
  GrantOptions,
  RefreshOptions,
  TokenSet,
} from './types.js';
