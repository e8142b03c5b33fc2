import { getObservation, PREDICTION_DISCLAIMER, specSecurityOf } from '../../core/access/index.js';
import { KeyholeError, UsageError } from '../../core/errors.js';
import {
  type AccessMatrix,
  type MatrixSubject,
  buildMatrix,
  cellAgrees,
  cellText,
  probeMatrix,
  probeRequest,
  selectOperations,
} from '../../core/matrix/index.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import type { Profile } from '../../core/profiles/schema.js';
import { TokenService } from '../../core/tokens/service.js';
import { terminalInteraction } from '../interaction.js';
import { note, printJson, printLine, printTable, styled, warn } from '../output.js';
import { parseTimeout } from './call-input.js';
import { catalogFor } from './catalog-for.js';
import { EXPERIMENTAL_MARK } from './marks.js';
import { parseDuration } from './limit-input.js';
import { parseProfileList } from './request-input.js';
import { plural } from '../../core/text/plural.js';

interface MatrixOptions {
  spec: string[];
  search?: string;
  tag?: string;
  probe?: boolean;
  json?: boolean;
  timeout?: string;
  maxTime?: string;
  maxSpecSize?: string;
}

/**
 * `keyhole matrix`: which profile may call which operation. Rows are operations, columns
 * profiles; each cell the predicted verdict and the status keyhole last observed. `--probe`
 * calls the GET operations without path parameters to observe what it can.
 */
export async function matrixCommand(profileList: string, options: MatrixOptions): Promise<void> {
  const names = parseProfileList(profileList, 1, 'keyhole matrix demo-api,demo-pat');
  const timeoutMs = parseTimeout(options.timeout);
  const deadlineMs = parseDuration('--max-time', options.maxTime);
  const repository = new ProfileRepository();
  const profiles = names.map((name) => repository.get(name));
  const catalog = await catalogFor(profiles, options.spec, { maxSpecSize: options.maxSpecSize });
  if (!catalog) {
    throw new UsageError(
      'none of the profiles has an OpenAPI spec keyhole could load, and no --spec was given',
      'Pass --spec FILE_OR_URL (repeatable), or add specs to the profiles with --spec.',
    );
  }
  catalog.warnings.forEach(warn);
  const operations = selectOperations(catalog.operations, {
    search: options.search,
    tag: options.tag,
  });
  const tokens = new TokenService(repository.dir, repository.vault);
  const interaction = terminalInteraction();
  const subjects = await Promise.all(profiles.map((p) => subjectOf(p, tokens, interaction)));
  let matrix = buildMatrix(
    operations,
    subjects,
    (profile, method, path) => getObservation(profile, method, path),
    specSecurityOf(catalog.specs),
  );

  if (options.probe) {
    const withToken = profiles.filter((_, index) => subjects[index]?.identity);
    const probeable = operations.filter((operation) => probeRequest(operation) !== null).length;
    if (probeable === 0) note('nothing to probe: no GET operation without path parameters here');
    else {
      const probe = await probeMatrix(matrix, catalog.operations, withToken, tokens, interaction, {
        timeoutMs,
        deadlineMs,
        proxyFromEnv: true,
        onProbe: ({ index, total, method, path, profile }) =>
          note(`probing ${index}/${total} ${method} ${path} as ${profile}`),
        onProgress: (event) => {
          if (event.type === 'retry') note(event.reason);
        },
      });
      matrix = probe.matrix;
      note(
        `probed ${plural(probe.sent, 'request')}` +
          (probe.failed > 0 ? `, ${probe.failed} without a usable status` : ''),
      );
    }
  }

  if (options.json) {
    return printJson({
      profiles: matrix.profiles,
      rows: matrix.rows.map(({ id: _id, ...row }) => row),
    });
  }
  printMatrix(matrix);
}

async function subjectOf(
  profile: Profile,
  tokens: TokenService,
  interaction: ReturnType<typeof terminalInteraction>,
): Promise<MatrixSubject> {
  try {
    const identity = await tokens.describe(profile, await tokens.getToken(profile, interaction));
    return { profile: profile.name, preset: profile.preset, identity };
  } catch (error) {
    if (!(error instanceof KeyholeError)) throw error;
    warn(`${profile.name}: no token, its column is unknown: ${error.message}`);
    return { profile: profile.name, preset: profile.preset, identity: null, error: error.message };
  }
}

function printMatrix(matrix: AccessMatrix): void {
  if (matrix.rows.length === 0) {
    note('No operations match.');
    return;
  }
  const rows = matrix.rows.map((row) => [
    row.method,
    row.experimental ? `${row.path} ${EXPERIMENTAL_MARK}` : row.path,
    ...matrix.profiles.map((profile) => cellText(row.cells[profile])),
  ]);
  printTable(['METHOD', 'PATH', ...matrix.profiles], rows, (row, column, padded) => {
    if (column < 2) return padded;
    const cell = matrix.rows[row]?.cells[matrix.profiles[column - 2] ?? ''];
    if (!cell) return padded;
    const agrees = cellAgrees(cell);
    if (agrees === false || cell.error) return styled('yellow', padded);
    if (cell.verdict === 'allowed') return styled('green', padded);
    if (cell.verdict === 'denied') return styled('red', padded);
    return padded;
  });
  printLine();
  printLine(
    styled(
      'dim',
      `✓ allowed  ✗ denied  ? unknown (predicted); a number is the status keyhole observed; ` +
        `! observed disagrees with the prediction; ERR the probe got no status` +
        (matrix.rows.some((row) => row.experimental)
          ? `; ${EXPERIMENTAL_MARK}: experimental, sent with X-SailPoint-Experimental: true`
          : '') +
        `. ${PREDICTION_DISCLAIMER}`,
    ),
  );
}
