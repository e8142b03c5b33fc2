import { VERDICT_MARKS } from '../../core/access/marks.js';
import { predictAccess } from '../../core/access/predict.js';
import { specSecurityOf } from '../../core/access/spec-security.js';
import { type AccessPrediction, PREDICTION_DISCLAIMER } from '../../core/access/types.js';
// Named modules, not the catalog's index: a cached search loads neither the parser nor undici.
import { searchOperations } from '../../core/catalog/search.js';
import { specName } from '../../core/catalog/spec-name.js';
import { conversionNote, webhooksOnly } from '../../core/catalog/spec-summary.js';
import type { Catalog } from '../../core/catalog/types.js';
import { KeyholeError, UsageError } from '../../core/errors.js';
import type { TokenIdentity } from '../../core/identity/types.js';
import type { ProfileRepository } from '../../core/profiles/repository.js';
import type { Profile } from '../../core/profiles/schema.js';
import { note, plainText, type Printable, printJson, printLine, styled, warn } from '../output.js';
import { catalogFor } from './catalog-for.js';
import { EXPERIMENTAL_MARK } from './marks.js';
import { plural } from '../../core/text/plural.js';

interface EndpointsOptions {
  spec: string[];
  search?: string;
  json?: boolean;
  limit?: string;
  maxSpecSize?: string;
}

/** `keyhole endpoints`: one row per operation, with the access prediction for PROFILE's token. */
export async function endpointsCommand(
  profileName: string | undefined,
  options: EndpointsOptions,
): Promise<void> {
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new UsageError(`--limit: "${options.limit}" is not a positive whole number`);
  }
  // The profile store (conf, zod) and the token service load only when a profile is named.
  const repository =
    profileName === undefined
      ? undefined
      : new (await import('../../core/profiles/repository.js')).ProfileRepository();
  const profile = profileName === undefined ? undefined : repository?.get(profileName);
  const catalog = await catalogFor(profile, options.spec, { maxSpecSize: options.maxSpecSize });
  if (!catalog) {
    throw new UsageError(
      profile ? `profile "${profile.name}" lists no OpenAPI specs` : 'no OpenAPI spec given',
      'Pass --spec FILE_OR_URL (repeatable), or add specs to the profile with --spec.',
    );
  }
  catalog.warnings.forEach(warn);
  noteSpecs(catalog);
  const convertedFrom = convertedOperations(catalog);
  const identity = profile && repository ? await identityOrWarn(profile, repository) : null;
  const operations = searchOperations(catalog.operations, options.search ?? '', limit);
  const specs = specSecurityOf(catalog.specs);
  // What calls have shown (a file with its lock) matters only for a profile's token.
  const observations = profile ? await import('../../core/access/observations.js') : null;

  const rows = operations.map((operation) => {
    const prediction: AccessPrediction | null =
      identity && profile
        ? predictAccess(operation, identity, { preset: profile.preset, specs })
        : null;
    const observed = profile
      ? observations?.getObservation(profile.name, operation.method, operation.path)
      : undefined;
    return { operation, prediction, observed };
  });

  if (options.json) {
    return printJson(
      rows.map(({ operation: o, prediction, observed }) => ({
        method: o.method,
        path: o.path,
        operationId: o.operationId,
        summary: o.summary,
        tags: o.tags,
        security: o.security,
        userLevels: o.userLevels,
        experimental: o.experimental,
        convertedFrom: convertedFrom.get(o.id) ?? null,
        requiredHeaders: o.headerParams.filter((h) => h.required).map((h) => h.name),
        prediction,
        observed: observed ?? null,
      })),
    );
  }
  const pathWidth = Math.min(
    60,
    Math.max(0, ...rows.map((r) => plainText(r.operation.path).length)),
  );
  for (const { operation: o, prediction, observed } of rows) {
    const mark = prediction ? markFor(prediction) : ' ';
    const extra =
      observed && observations
        ? styled('dim', `  (${observations.formatObservation(observed)})`)
        : '';
    const id = styled('dim', o.operationId ?? '');
    printLine([
      mark,
      ` ${o.method.padEnd(7)} ${plainText(o.path).padEnd(pathWidth)}  `,
      id,
      o.experimental ? ['  ', styled('yellow', EXPERIMENTAL_MARK)] : '',
      `  ${o.summary}`,
      extra,
    ]);
  }
  // A spec of webhooks alone was said above: "0 operations: 0 ✓ allowed" would add nothing.
  if (identity && catalog.operations.length > 0) {
    const counts = { allowed: 0, denied: 0, unknown: 0 };
    rows.forEach((r) => r.prediction && (counts[r.prediction.verdict] += 1));
    note(
      `${plural(rows.length, 'operation')}: ${counts.allowed} ✓ allowed, ${counts.denied} ✗ denied, ${counts.unknown} ? unknown (predicted)`,
    );
    // A spec that declares no security makes all its rows `?` for one reason: said once, here.
    const silentReasons = new Set<string>();
    for (const { operation, prediction } of rows) {
      const reason = prediction?.reasons[0];
      if (reason !== undefined && specs.get(operation.id)?.silent) silentReasons.add(reason);
    }
    for (const reason of silentReasons) note(`? ${reason}`);
    note(PREDICTION_DISCLAIMER);
  }
}

/** Says which specs were converted from Swagger 2.0, and why a webhooks-only list is empty. */
function noteSpecs(catalog: Catalog): void {
  for (const spec of catalog.specs) {
    const converted = conversionNote(spec);
    if (converted !== null) note(`${specName(spec)}: ${converted}`);
  }
  const webhooks = catalog.specs.reduce((sum, spec) => sum + spec.webhooks, 0);
  if (catalog.operations.length === 0 && webhooks > 0) note(webhooksOnly(webhooks));
}

/** Operation id → what its spec was converted from, for the specs keyhole converted. */
function convertedOperations(catalog: Catalog): Map<string, string> {
  const from = new Map<string, string>();
  for (const spec of catalog.specs) {
    if (spec.convertedFrom === null) continue;
    for (const operation of spec.operations) {
      if (!from.has(operation.id)) from.set(operation.id, spec.convertedFrom);
    }
  }
  return from;
}

function markFor(prediction: AccessPrediction): Printable {
  const mark = VERDICT_MARKS[prediction.verdict];
  if (prediction.verdict === 'allowed') return styled('green', mark);
  if (prediction.verdict === 'denied') return styled('red', mark);
  return styled('yellow', mark);
}

/** The token's identity for predictions; a token that cannot be had leaves the rows unpredicted. */
async function identityOrWarn(
  profile: Profile,
  repository: ProfileRepository,
): Promise<TokenIdentity | null> {
  try {
    const [{ TokenService }, { terminalInteraction }] = await Promise.all([
      import('../../core/tokens/service.js'),
      import('../interaction.js'),
    ]);
    const tokens = new TokenService(repository.dir, repository.vault);
    return await tokens.describe(profile, await tokens.getToken(profile, terminalInteraction()));
  } catch (error) {
    if (!(error instanceof KeyholeError)) throw error;
    warn(`no predictions: ${error.message}`);
    return null;
  }
}
