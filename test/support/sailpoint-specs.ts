import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * SailPoint's real v3 and beta OpenAPI bundles are test data that live outside the repo, in
 * `../shared/specs/sailpoint` beside the checkout (`KEYHOLE_SPECS_DIR` overrides). Tests on them
 * skip visibly when the folder is absent, except with CI=true, where they fail loudly so a
 * broken checkout cannot pass green.
 */
export const SPEC_FILES = ['v3.yaml', 'beta.yaml'] as const;
export const SPECS_DIR = path.resolve(process.env.KEYHOLE_SPECS_DIR || '../shared/specs/sailpoint');
export const [V3_SPEC, BETA_SPEC] = SPEC_FILES.map((file) => path.join(SPECS_DIR, file)) as [
  string,
  string,
];

const missing = SPEC_FILES.filter((file) => !existsSync(path.join(SPECS_DIR, file)));

/** True when the real-spec tests should skip: files missing and not in CI. */
export const skipRealSpecs = missing.length > 0 && process.env.CI !== 'true';

if (missing.length > 0) {
  console.warn(
    `SailPoint spec tests ${skipRealSpecs ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${missing.join(', ')} not found in ${SPECS_DIR} (set KEYHOLE_SPECS_DIR to the folder)`,
  );
}

/** Every version in the folder, as SailPoint names them (`v3`, `beta`, `v2024`, `v2025`). */
export const SPEC_VERSIONS = ['v3', 'beta', 'v2024', 'v2025'] as const;

const missingVersions = SPEC_VERSIONS.filter(
  (version) => !existsSync(path.join(SPECS_DIR, `${version}.yaml`)),
);

/** True when the folder lacks one of the four versions (and not in CI): skip those tests. */
export const skipAllVersions = missingVersions.length > 0 && process.env.CI !== 'true';

if (missingVersions.length > 0) {
  console.warn(
    `SailPoint spec-mirror tests ${skipAllVersions ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${missingVersions.map((v) => `${v}.yaml`).join(', ')} not found in ${SPECS_DIR}`,
  );
}
