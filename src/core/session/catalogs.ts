import { specSecurityOf } from '../access/index.js';
import { profileSpecSources } from '../catalog/index.js';
import { loadCatalogOffThread } from '../catalog/load-off-thread.js';
import { formatBytes } from '../text/size.js';
import { KeyholeError } from '../errors.js';
import type { Profile } from '../profiles/schema.js';
import type { CatalogState } from './types.js';

/** The OpenAPI specs (files, URLs, `sailpoint:` versions) a profile reads. */
export function specSources(profile: Profile): readonly string[] {
  return profileSpecSources(profile);
}

const NO_SPEC =
  'no OpenAPI spec for this profile: add one with `keyhole profiles add … --spec FILE_OR_URL`, ' +
  'or type a path in the request panel';

/**
 * Loads each distinct set of specs once per session and shares it between profiles (the demo
 * profiles all read the same document). Failures are states, never exceptions. Loads run in a
 * worker thread: parsing a 47 MB spec takes seconds the TUI spends repainting and reading keys.
 */
export class CatalogShelf {
  private readonly states = new Map<string, CatalogState>();
  /** Ends the loads still running when the session closes. */
  private readonly closing = new AbortController();

  constructor(
    private readonly changed: () => void,
    /** Where parsed indexes are cached; a temporary folder in demo mode. */
    private readonly cacheDir?: string,
  ) {}

  state(sources: readonly string[]): CatalogState {
    if (sources.length === 0) return { status: 'none', message: NO_SPEC };
    return this.states.get(key(sources)) ?? { status: 'loading', progress: [] };
  }

  /** Starts loading unless this set is loaded or loading; resolves when done. */
  async ensure(sources: readonly string[]): Promise<void> {
    if (sources.length === 0) return;
    const id = key(sources);
    const known = this.states.get(id);
    if (known !== undefined && known.status !== 'error') return;
    // The latest word from each spec, in the order given: what the Endpoints panel shows.
    const lines = new Map<string, string>();
    const show = (source: string, line: string) => {
      lines.set(source, line);
      this.states.set(id, {
        status: 'loading',
        progress: sources.flatMap((s) => lines.get(s) ?? []),
      });
      this.changed();
    };
    this.states.set(id, { status: 'loading', progress: [] });
    this.changed();
    try {
      const catalog = await loadCatalogOffThread(sources, {
        ...(this.cacheDir ? { cacheDir: this.cacheDir } : {}),
        signal: this.closing.signal,
        onProgress: (message, source) => {
          if (source !== undefined) show(source, message);
        },
        onDownload: ({ source, name, received, total }) =>
          show(
            source,
            `downloading ${name}: ${formatBytes(received)}${total === null ? '' : ` of ${formatBytes(total)}`}`,
          ),
      });
      this.states.set(id, {
        status: 'ready',
        operations: catalog.operations,
        warnings: catalog.warnings,
        convertedFrom: [...new Set(catalog.specs.flatMap((spec) => spec.convertedFrom ?? []))],
        webhooks: catalog.specs.reduce((sum, spec) => sum + spec.webhooks, 0),
        specs: specSecurityOf(catalog.specs),
      });
    } catch (error) {
      if (this.closing.signal.aborted) return;
      this.states.set(id, {
        status: 'error',
        message: error instanceof Error ? error.message : String(error),
        hint: error instanceof KeyholeError ? (error.hint ?? null) : null,
      });
    }
    this.changed();
  }

  /** Stops the loads still running (their worker threads end); nothing is reported after. */
  close(): void {
    this.closing.abort();
  }
}

function key(sources: readonly string[]): string {
  return sources.join('\n');
}
