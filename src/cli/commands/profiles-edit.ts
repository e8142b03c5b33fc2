import { UsageError } from '../../core/errors.js';
import { normalizeBaseUrl } from '../../core/profiles/defaults.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import type { Profile } from '../../core/profiles/schema.js';
import { viewProfile } from '../../core/profiles/view.js';
import { note, printJson } from '../output.js';
import { printProfile } from './profiles.js';

interface EditOptions {
  baseUrl?: string;
  tokenUrl?: string;
  authorizeUrl?: string;
  issuer?: string;
  jwksUrl?: string;
  introspectionUrl?: string;
  grant?: Profile['grant'];
  clientId?: string;
  scope?: string[];
  kind?: Profile['kind'];
  preset?: Profile['preset'];
  spec?: string[];
  tag?: string[];
  history?: boolean;
  json?: boolean;
}

/** `keyhole profiles edit`: changes the fields given; a repeatable flag replaces its whole list. */
export async function profilesEdit(name: string, options: EditOptions): Promise<void> {
  const change: Partial<Omit<Profile, 'name' | 'secret'>> = {
    ...(options.baseUrl !== undefined && { baseUrl: normalizeBaseUrl(options.baseUrl) }),
    ...(options.tokenUrl !== undefined && { tokenUrl: options.tokenUrl }),
    ...(options.authorizeUrl !== undefined && { authorizeUrl: options.authorizeUrl }),
    ...(options.issuer !== undefined && { issuer: options.issuer }),
    ...(options.jwksUrl !== undefined && { jwksUrl: options.jwksUrl }),
    ...(options.introspectionUrl !== undefined && { introspectionUrl: options.introspectionUrl }),
    ...(options.grant !== undefined && { grant: options.grant }),
    ...(options.clientId !== undefined && { clientId: options.clientId }),
    ...(options.scope !== undefined && { scopes: options.scope }),
    ...(options.kind !== undefined && { kind: options.kind }),
    ...(options.preset !== undefined && { preset: options.preset }),
    ...(options.spec !== undefined && { specs: options.spec }),
    ...(options.tag !== undefined && { tags: options.tag }),
    ...(options.history !== undefined && { history: options.history }),
  };
  if (Object.keys(change).length === 0) {
    throw new UsageError(
      'nothing to change',
      'Give at least one field, e.g. --tag production or --no-history.',
    );
  }
  const repository = new ProfileRepository();
  const updated = await repository.update(name, change);
  if (options.json) return printJson(viewProfile(updated));
  note(`Updated profile "${name}".`);
  printProfile(viewProfile(updated), repository.vault.plaintextFile);
}
