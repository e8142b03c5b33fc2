import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { sampleProfile } from './profiles.js';

/**
 * Run as its own process by the concurrency test (bundled with esbuild first): adds COUNT
 * profiles named `<prefix>-<i>` one after another, each its own locked read-modify-write.
 */
const [prefix = 'w', countText = '200'] = process.argv.slice(2);
const repository = new ProfileRepository();
for (let i = 0; i < Number(countText); i += 1) {
  await repository.add(sampleProfile({ name: `${prefix}-${i}` }));
}
