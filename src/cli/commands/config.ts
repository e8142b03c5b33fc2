import { ProfileRepository } from '../../core/profiles/repository.js';
import { note, printJson, printLine } from '../output.js';

export async function configPath(options: { json?: boolean }): Promise<void> {
  const repository = new ProfileRepository();
  if (options.json) return printJson({ dir: repository.dir, config: repository.store.file });
  printLine(repository.dir);
}

/**
 * Moves each corrupt file aside: config.json, and the secrets file and token cache beside it (an
 * error about either names this command too). Readable files are left alone.
 */
export async function configRepair(options: { json?: boolean }): Promise<void> {
  const repository = new ProfileRepository();
  const outcome = await repository.store.repair();
  const others: { file: string; backup: string }[] = [];
  for (const store of repository.vault.files()) {
    const moved = await store.repair();
    if (moved) others.push({ file: store.file, backup: moved.backup });
  }
  if (options.json)
    return printJson({
      file: repository.store.file,
      repaired: Boolean(outcome),
      backup: outcome?.backup ?? null,
      others,
    });
  if (outcome) {
    note(
      `Moved the corrupt file to ${outcome.backup} and started an empty ${repository.store.file}.`,
    );
  } else {
    note(`${repository.store.file} is readable; nothing to repair.`);
  }
  for (const { file, backup } of others) {
    note(`Moved the corrupt file to ${backup} and started an empty ${file}.`);
  }
}
