import { createHash } from 'node:crypto';
import { ProfileRepository } from '../../src/core/profiles/repository.js';
import { TokenService } from '../../src/core/tokens/service.js';

/**
 * Run as its own process by the refresh race test: gets the named profile's token once,
 * non-interactively, and prints how it was had and a hash of it (never the token itself).
 */
const [name = ''] = process.argv.slice(2);
const repository = new ProfileRepository();
const service = new TokenService(repository.dir, repository.vault);
const result = await service.getToken(repository.get(name), { interactive: false });
const hash = createHash('sha256').update(result.token.accessToken).digest('hex');
process.stdout.write(`${JSON.stringify({ origin: result.origin, hash })}\n`);
