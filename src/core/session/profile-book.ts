import { UsageError } from '../errors.js';
import type { ProfileRepository, RemovalOutcome } from '../profiles/repository.js';
import type { Grant, Profile, SecretSource } from '../profiles/schema.js';
import { usableGrants } from './grants.js';
import type { SessionProfile } from './types.js';

/**
 * The profiles of a session: the saved ones (read through the repository, so every change is a
 * locked read-modify-write of config.json) and, in demo mode, in-memory demo profiles that are
 * never written: their tenant runs in this process, on a port that is gone next run. Grant switches are kept here, for this session only.
 */
export class ProfileBook {
  private demo: SessionProfile[];
  private saved: SessionProfile[] = [];
  private readonly grants = new Map<string, Grant>();

  constructor(
    private readonly repository: ProfileRepository,
    demo: readonly SessionProfile[] = [],
  ) {
    this.demo = [...demo];
    this.reload();
  }

  /** Demo profiles first (they are what a new user came for), then the saved ones. */
  list(): SessionProfile[] {
    return [...this.demo, ...this.saved].map((entry) => this.withGrant(entry));
  }

  get(id: string): SessionProfile | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  /** The first profile named `name`, demo profiles first. */
  byName(name: string): SessionProfile | undefined {
    return this.list().find((entry) => entry.profile.name === name);
  }

  /**
   * Re-reads config.json (another keyhole process may have changed it); true when the saved
   * profiles differ from those read before. Throws, keeping the list it had, when the file
   * cannot be read.
   */
  reload(): boolean {
    const profiles = this.repository.list();
    if (JSON.stringify(profiles) === JSON.stringify(this.saved.map((entry) => entry.profile))) {
      return false;
    }
    this.saved = profiles.map((profile) => ({
      id: `saved:${profile.name}`,
      profile,
      origin: 'saved',
      grants: usableGrants(profile),
    }));
    return true;
  }

  setGrant(id: string, grant: Grant): void {
    const entry = this.require(id);
    if (!entry.grants.includes(grant)) {
      throw new UsageError(`profile "${entry.profile.name}" cannot use the ${grant} grant`);
    }
    this.grants.set(id, grant);
  }

  async add(profile: Profile, secretValue?: string): Promise<SessionProfile> {
    const added = await this.repository.add(profile, secretValue);
    this.reload();
    return this.require(`saved:${added.name}`);
  }

  /**
   * Changes a saved profile's fields. The secret moves (and a new value is stored) only when its
   * source changes or a value is given; the name changes only through rename.
   */
  async update(id: string, next: Profile, secretValue?: string): Promise<SessionProfile> {
    const entry = this.requireSaved(id);
    const name = entry.profile.name;
    const previous = this.repository.get(name);
    const { name: _name, secret: _secret, ...fields } = next;
    await this.repository.update(name, fields, { replace: true });
    if (secretValue !== undefined || !sameSource(previous.secret, next.secret)) {
      await this.repository.setSecret(name, next.secret, secretValue);
    }
    this.grants.delete(id);
    this.reload();
    return this.require(id);
  }

  async rename(id: string, newName: string): Promise<SessionProfile> {
    const entry = this.requireSaved(id);
    await this.repository.rename(entry.profile.name, newName);
    this.grants.delete(id);
    this.reload();
    return this.require(`saved:${newName}`);
  }

  async remove(id: string): Promise<RemovalOutcome> {
    const entry = this.requireSaved(id);
    const outcome = await this.repository.remove(entry.profile.name);
    this.grants.delete(id);
    this.reload();
    return outcome;
  }

  private withGrant(entry: SessionProfile): SessionProfile {
    const grant = this.grants.get(entry.id);
    return grant === undefined || grant === entry.profile.grant
      ? entry
      : { ...entry, profile: { ...entry.profile, grant } };
  }

  private require(id: string): SessionProfile {
    const entry = this.get(id);
    if (entry === undefined) throw new UsageError(`no profile ${id.replace(/^\w+:/, '')}`);
    return entry;
  }

  private requireSaved(id: string): SessionProfile {
    const entry = this.require(id);
    if (entry.origin !== 'saved') {
      throw new UsageError(
        `"${entry.profile.name}" is a demo profile that lives only in memory`,
        'A demo profile lasts until keyhole quits; press S on it to see how to keep one.',
      );
    }
    return entry;
  }
}

function sameSource(a: SecretSource, b: SecretSource): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
