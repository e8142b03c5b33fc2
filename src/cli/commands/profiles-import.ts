import { UsageError } from '../../core/errors.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import { readSailCandidates } from '../../core/profiles/sail-import.js';
import { note, printJson, printLine, warn } from '../output.js';

interface ImportOptions {
  file?: string;
  json?: boolean;
}

interface ImportRow {
  name: string;
  origin: string;
  status: 'imported' | 'skipped';
  reason?: string;
  notes: string[];
}

export async function profilesImport(source: string, options: ImportOptions): Promise<void> {
  if (source !== 'sail') {
    throw new UsageError(
      `cannot import from "${source}"`,
      'Supported sources: sail (the SailPoint CLI).',
    );
  }
  const { candidates, file, fileFound } = readSailCandidates(options.file);
  const repository = new ProfileRepository();
  const existing = new Set(repository.list().map((p) => p.name));
  const rows: ImportRow[] = [];
  for (const { profile, origin, notes } of candidates) {
    if (existing.has(profile.name)) {
      rows.push({
        name: profile.name,
        origin,
        status: 'skipped',
        reason: 'a profile with this name exists',
        notes,
      });
      continue;
    }
    await repository.add(profile);
    existing.add(profile.name);
    rows.push({ name: profile.name, origin, status: 'imported', notes });
  }
  if (options.json) return printJson({ file, fileFound, profiles: rows });
  if (!fileFound) note(`${file} not found.`);
  if (rows.length === 0) {
    note('Nothing to import: no SailPoint CLI environments and no SAIL_BASE_URL.');
    return;
  }
  for (const row of rows) {
    printLine(
      `${row.status === 'imported' ? 'imported' : 'skipped '}  ${row.name}  (${row.origin})`,
    );
    if (row.reason) warn(`${row.name}: ${row.reason}`);
    row.notes.forEach((text) => note(`  ${row.name}: ${text}`));
  }
}
