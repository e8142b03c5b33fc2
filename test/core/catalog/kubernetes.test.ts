import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { predictAccess, specSecurityOf } from '../../../src/core/access/index.js';
import { type LoadedSpec, loadSpec } from '../../../src/core/catalog/index.js';
import { draftFromOperation } from '../../../src/core/session/request.js';
import { identity } from '../../support/identities.js';
import { tempCacheDir } from './temp-dir.js';

/**
 * Kubernetes' own Swagger 2.0 description, gzipped, as the `kubernetes-client` dev dependency
 * ships it (read where npm put it, never copied into the repository): a real Swagger 2.0
 * document, and a real gzipped one.
 */
const KUBERNETES = path.resolve('node_modules/kubernetes-client/lib/specs/swagger-1.13.json.gz');
const skip = !existsSync(KUBERNETES) && process.env.CI !== 'true';
if (!existsSync(KUBERNETES)) {
  console.warn(
    `Kubernetes Swagger tests ${skip ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ${KUBERNETES} not found ` +
      '(npm install installs kubernetes-client as a dev dependency)',
  );
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

describe.skipIf(skip)("Kubernetes' Swagger 2.0 description (gzipped)", () => {
  let spec: LoadedSpec;
  let expected: number;
  beforeAll(async () => {
    // The count to expect, read straight from the document, not through keyhole.
    const document = JSON.parse(gunzipSync(readFileSync(KUBERNETES)).toString('utf8')) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expected = Object.values(document.paths).reduce(
      (sum, item) => sum + Object.keys(item).filter((key) => METHODS.has(key)).length,
      0,
    );
    spec = await loadSpec(KUBERNETES, { cacheDir: tempCacheDir() });
  });

  it('is read through the gzip, converted, and indexed with every operation', () => {
    expect(spec.convertedFrom).toBe('Swagger 2.0');
    expect(expected).toBe(1014);
    expect(spec.operations).toHaveLength(expected);
    const pods = spec.operations.find((op) => op.operationId === 'listCoreV1NamespacedPod');
    expect(pods).toMatchObject({ method: 'GET', path: '/api/v1/namespaces/{namespace}/pods' });
    expect(pods?.pathParams.map((p) => p.name)).toEqual(['namespace']);
    expect(pods?.queryParams.map((p) => p.name)).toEqual(
      expect.arrayContaining(['labelSelector', 'limit', 'watch']),
    );
    expect(draftFromOperation(pods!).pathTemplate).toBe('/api/v1/namespaces/{namespace}/pods');
  });

  it('predicts from its BearerToken (an apiKey in the Authorization header): unknown, saying why', () => {
    const pods = spec.operations.find((op) => op.operationId === 'listCoreV1NamespacedPod')!;
    expect(spec.securitySchemes.BearerToken).toMatchObject({ type: 'apiKey', in: 'header' });
    const token = identity({ provider: 'unknown', subjectKind: 'user', userContext: true });
    const prediction = predictAccess(pods, token, {
      preset: 'generic',
      specs: specSecurityOf([spec]),
    });
    expect(prediction.verdict).toBe('unknown');
    expect(prediction.reasons.join('; ')).toMatch(/BearerToken/);
  });
});
