import type { Interaction } from '../core/tokens/service.js';
import { openSystemBrowser } from '../core/session/system.js';
import { note } from './output.js';

/**
 * How token commands may involve the person at the terminal: print the login URL (and open a
 * browser unless told not to), show a device code. Scripts and CI get `interactive: false`, so a
 * grant that needs a person fails with a hint instead of waiting forever.
 */
export function terminalInteraction(
  options: { browser?: boolean; port?: number; force?: boolean } = {},
): Interaction {
  const interactive =
    options.force === true ||
    (process.stdin.isTTY === true && process.stderr.isTTY === true && process.env.CI !== 'true');
  return {
    interactive,
    redirectPort: options.port,
    onAuthorizeUrl: (url) => note(`Open this URL to log in:\n  ${url}`),
    openBrowser: async (url) => {
      if (options.browser === false) return;
      // Never throws, and a missing xdg-open cannot end the process: the URL is printed above.
      await openSystemBrowser(url);
    },
    onDevicePrompt: (prompt) => {
      note(`To log in, visit ${prompt.verificationUri} and enter the code ${prompt.userCode}`);
      if (prompt.verificationUriComplete) note(`(or open ${prompt.verificationUriComplete})`);
    },
  };
}
