import { describeRemoved } from '../../core/profiles/removal.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import { type ProfileView, viewProfile } from '../../core/profiles/view.js';
import { note, type Printable, printJson, printLine, printTable, styled, warn } from '../output.js';

interface JsonOption {
  json?: boolean;
}

export async function profilesList(options: JsonOption): Promise<void> {
  const views = new ProfileRepository().list().map(viewProfile);
  if (options.json) return printJson(views);
  if (views.length === 0) {
    note(
      'No saved profiles. Add one with `keyhole profiles add NAME --base-url URL` (see --help).',
    );
    return;
  }
  printTable(
    ['NAME', 'KIND', 'GRANT', 'PRESET', 'BASE URL', 'SECRET', 'TAGS'],
    views.map((v) => [
      v.name,
      v.kind,
      v.grant,
      v.preset,
      v.baseUrl,
      v.secretSource,
      v.tags.join(','),
    ]),
    (row, column, padded) => {
      const view = views[row];
      if (column === 6 && view?.production) return styled('red', padded);
      if (column === 5 && view?.plaintext) return styled('yellow', padded);
      return padded;
    },
  );
}

export async function profilesShow(name: string, options: JsonOption): Promise<void> {
  const repository = new ProfileRepository();
  const view = viewProfile(repository.get(name));
  if (options.json) return printJson(view);
  printProfile(view, repository.vault.plaintextFile);
}

export function printProfile(view: ProfileView, plaintextFile: string): void {
  const rows: [string, Printable][] = [
    ['name', view.production ? [`${view.name} `, styled('red', '[production]')] : view.name],
    ['base url', view.baseUrl],
    ['token url', view.tokenUrl],
    ['authorize url', view.authorizeUrl ?? '-'],
    ['grant', view.grant],
    ['client id', view.clientId ?? '-'],
    ['kind', view.kind],
    ['preset', view.preset],
    ['scopes', view.scopes.join(' ') || '-'],
    ['specs', view.specs.join(', ') || '-'],
    ['tags', view.tags.join(', ') || '-'],
    ['history', view.history ? 'on' : 'off'],
    [
      'secret',
      view.plaintext ? styled('yellow', `plaintext file ${plaintextFile}`) : view.secretSource,
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) printLine([styled('dim', label.padEnd(width)), '  ', value]);
}

/** `profiles rm`: says everything it deleted (secret, tokens, observations, history). */
export async function profilesRemove(name: string, options: JsonOption): Promise<void> {
  const outcome = await new ProfileRepository().remove(name);
  outcome.warnings.forEach(warn);
  if (options.json) {
    return printJson({ removed: name, deleted: outcome.removed, warnings: outcome.warnings });
  }
  note(describeRemoved(outcome.profile, outcome.removed));
}

export async function profilesRename(
  oldName: string,
  newName: string,
  options: JsonOption,
): Promise<void> {
  const outcome = await new ProfileRepository().rename(oldName, newName);
  outcome.warnings.forEach(warn);
  if (options.json) return printJson({ renamed: oldName, to: newName, warnings: outcome.warnings });
  note(`Renamed profile "${oldName}" to "${newName}".`);
}
