import { ProfileRepository } from '../../core/profiles/repository.js';
import { note, printJson, printLine } from '../output.js';

export async function configPath(options: { json?: boolean }): Promise<void> {
  const repository = new ProfileRepository();
  if (options.json) return printJson({ dir: repository.dir, config: repository.store.file });
  printLine(repository.dir);
}

export async function configRepair(options: { json?: boolean }): Promise<void> {
  const repository = new ProfileRepository();
  const outcome = await repository.store.repair();
  if (options.json)
    return printJson({
      file: repository.store.file,
      repaired: Boolean(outcome),
      backup: outcome?.backup ?? null,
    });
  if (!outcome) {
    note(`${repository.store.file} is readable; nothing to repair.`);
    return;
  }
  note(
    `Moved the corrupt file to ${outcome.backup} and started an empty ${repository.store.file}.`,
  );
}
