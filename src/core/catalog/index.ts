export { loadCatalog, loadSpec, mergeSpecs } from './load.js';
export { displayName, specName } from './spec-name.js';
export { presetSpecSources, profileSpecSources } from './profile-specs.js';
export * from './sailpoint-specs.js';
export { prepareSearch, searchOperations } from './search.js';
export { apiVersionOf, apiVersions } from './api-version.js';
export { matchOperation } from './match.js';
export { missingSpecHeaders, type SpecHeaders } from './spec-headers.js';
export {
  defaultSpecCacheDir,
  hashSpec,
  INDEX_FORMAT,
  readCachedIndex,
  specCacheFile,
  writeCachedIndex,
} from './cache.js';
// The parser and the indexer are not exported here: importing this index must not load js-yaml
// and the Swagger converter (a cached load never needs them). Import parse.js and extract.js.
export type { OpenApiDocument, ParsedSpec } from './parse.js';
export { serverPath, serverPathTemplate } from './server-url.js';
export { conversionNote, operationCount, webhooksOnly } from './spec-summary.js';
export { isUrlSource, readSpecSource, type SpecBytes } from './source.js';
export type {
  Catalog,
  CatalogOperation,
  CatalogParameter,
  CatalogSecurityScheme,
  CatalogServer,
  ServerVariable,
  DownloadProgress,
  HttpMethod,
  LoadOptions,
  LoadedSpec,
  SecurityRequirement,
  SpecDownload,
  SpecFailure,
  SpecIndex,
} from './types.js';
