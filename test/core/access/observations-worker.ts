import { recordObservation } from '../../../src/core/access/observations.js';

/**
 * Run as its own process by the observations test (bundled with esbuild first): records COUNT
 * observations for profile PROFILE, one locked read-modify-write each.
 */
const [profile = 'w', countText = '50'] = process.argv.slice(2);
for (let i = 0; i < Number(countText); i += 1) {
  await recordObservation({ profile, method: 'get', path: `/v3/items/${i}/{id}`, status: 200 + i });
}
