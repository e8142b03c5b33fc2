import { specSecurityOf } from '../../core/access/index.js';
import { auditScopes, type RecordedCall, type ScopeAudit } from '../../core/access/scope-audit.js';
import { placeCalls, recordedCalls } from '../../core/access/recorded-calls.js';
import type { ScopeRule } from '../../core/access/scope-needs.js';
import { auditRuleOf, credentialKindOf, planRuleOf } from '../../core/access/scope-rule.js';
import {
  ENOUGH_TITLE,
  allScopesTitle,
  auditEnoughLines,
  auditFindingLines,
  auditHeldLines,
  auditTitle,
  credentialText,
  grantRows,
  operationTable,
  planTitle,
  undecidedLines,
  userLevelLine,
} from '../../core/access/scope-text.js';
import { planScopes, type PlannedOperation, type ScopePlan } from '../../core/access/scope-plan.js';
import type { Catalog } from '../../core/catalog/index.js';
import { matchOperation } from '../../core/catalog/match.js';
import { searchOperations } from '../../core/catalog/search.js';
import type { CatalogOperation } from '../../core/catalog/types.js';
import { UsageError } from '../../core/errors.js';
import { readHistory } from '../../core/history/index.js';
import { ProfileRepository } from '../../core/profiles/repository.js';
import type { Profile } from '../../core/profiles/schema.js';
import { plural } from '../../core/text/plural.js';
import { TokenService } from '../../core/tokens/service.js';
import { terminalInteraction } from '../interaction.js';
import { note, printJson, printLine, printTable, styled, warn } from '../output.js';
import { catalogFor } from './catalog-for.js';
import { parseSince } from './since-input.js';

interface SpecOptions {
  spec: string[];
  maxSpecSize?: string;
  rule?: string;
  json?: boolean;
}

interface PlanOptions extends SpecOptions {
  search?: string;
  fromHistory?: string;
  since?: string;
}

interface AuditOptions extends SpecOptions {
  since?: string;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * `keyhole scopes plan [PROFILE] (OPERATION... | --search TEXT | --from-history PROFILE)`: the
 * fewest scopes, and whether a user, that grant the operations named.
 */
export async function scopesPlanCommand(words: readonly string[], options: PlanOptions) {
  const rule = parseRule(options.rule);
  const sinceMs = parseSince(options.since);
  if (sinceMs !== undefined && options.fromHistory === undefined) {
    throw new UsageError('--since goes with --from-history PROFILE');
  }
  const repository = new ProfileRepository();
  const saved = words.length > 0 ? repository.list() : [];
  const first = saved.find((profile) => profile.name === words[0]);
  const named = first ? words.slice(1) : words;
  const historyProfile =
    options.fromHistory === undefined ? undefined : repository.get(options.fromHistory);
  const profile = first ?? historyProfile;
  const sources = [named.length > 0, options.search !== undefined, historyProfile !== undefined];
  if (sources.filter(Boolean).length !== 1) {
    throw new UsageError(
      'name the operations one way: operationIds or METHOD PATH, --search TEXT, or --from-history PROFILE',
      'e.g. keyhole scopes plan demo-pat listWorkflows "POST /v3/access-requests"',
    );
  }
  const catalog = await catalogOrFail(profile, options);

  let operations: CatalogOperation[];
  let unplaced: PlannedOperation[] = [];
  if (historyProfile) {
    const calls = historyCalls(historyProfile.name, sinceMs);
    if (calls.length === 0) {
      throw new UsageError(`no recorded calls for "${historyProfile.name}"${sinceText(options)}`);
    }
    const placed = placeCalls(calls, catalog.operations);
    operations = placed.reached.map((entry) => entry.operation);
    unplaced = placed.unmatched.map((call) => ({
      operationId: null,
      method: call.method,
      path: call.path,
      scopes: [],
      needsUser: false,
      userLevels: [],
      public: false,
      undecided: 'called, but no operation of the loaded specs has this path',
    }));
    note(`${plural(calls.length, 'recorded call')} of ${historyProfile.name}${sinceText(options)}`);
  } else if (options.search !== undefined) {
    operations = searchOperations(catalog.operations, options.search);
    if (operations.length === 0) throw new UsageError(`no operation matches "${options.search}"`);
  } else {
    operations = resolveOperations(named, catalog.operations);
  }

  const plan = planScopes(operations, {
    rule: rule ?? planRuleOf(profile, catalog.operations),
    specs: specSecurityOf(catalog.specs),
    kind: credentialKindOf(profile),
  });
  plan.operations.push(...unplaced);
  if (options.json) return printJson(plan);
  printPlan(plan);
}

/** `keyhole scopes audit PROFILE`: the token's scopes beside what its recorded calls needed. */
export async function scopesAuditCommand(name: string, options: AuditOptions) {
  const rule = parseRule(options.rule);
  const sinceMs = parseSince(options.since);
  const repository = new ProfileRepository();
  const profile = repository.get(name);
  const catalog = await catalogOrFail(profile, options);
  const tokens = new TokenService(repository.dir, repository.vault);
  const identity = await tokens.describe(
    profile,
    await tokens.getToken(profile, terminalInteraction()),
  );
  const calls = historyCalls(profile.name, sinceMs);
  const audit = auditScopes(identity, calls, catalog.operations, {
    rule: rule ?? auditRuleOf(identity.provider, profile, catalog.operations),
    specs: specSecurityOf(catalog.specs),
  });
  if (options.json) return printJson(audit);
  printAudit(profile.name, audit);
}

function parseRule(text: string | undefined): ScopeRule | undefined {
  if (text === undefined) return undefined;
  if (text === 'any' || text === 'all') return text;
  throw new UsageError(
    `--rule: "${text}" is neither any nor all`,
    '--rule any: one listed scope grants an operation (SailPoint); --rule all: every one (OpenAPI).',
  );
}

async function catalogOrFail(profile: Profile | undefined, options: SpecOptions): Promise<Catalog> {
  const catalog = await catalogFor(profile, options.spec, { maxSpecSize: options.maxSpecSize });
  if (!catalog) {
    throw new UsageError(
      profile
        ? `"${profile.name}" has no OpenAPI spec keyhole could load, and no --spec was given`
        : 'no spec: name a profile with specs, or pass --spec FILE_OR_URL',
      'Scopes are read from the operations of an OpenAPI spec.',
    );
  }
  catalog.warnings.forEach(warn);
  return catalog;
}

/**
 * The operations named: an operationId, `METHOD PATH` as two words or one, or a concrete path
 * (`GET /v3/sources/2c91…` is `GET /v3/sources/{id}`).
 */
function resolveOperations(
  words: readonly string[],
  operations: readonly CatalogOperation[],
): CatalogOperation[] {
  const found: CatalogOperation[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index] ?? '';
    const [head = '', ...rest] = word.trim().split(/\s+/);
    let method: string | undefined;
    let path: string | undefined;
    if (METHODS.has(head.toUpperCase()) && rest.length === 1) [method, path] = [head, rest[0]];
    else if (METHODS.has(word.toUpperCase()) && words[index + 1]?.startsWith('/')) {
      [method, path] = [word, words[index + 1]];
      index += 1;
    }
    const operation =
      method !== undefined && path !== undefined
        ? (operations.find((op) => op.id === `${method.toUpperCase()} ${path}`) ??
          matchOperation(operations, method, path))
        : (operations.find((op) => op.operationId === word) ??
          operations.find((op) => op.operationId?.toLowerCase() === word.toLowerCase()));
    if (!operation) {
      const what = method !== undefined ? `${method.toUpperCase()} ${path}` : `"${word}"`;
      throw new UsageError(
        `no operation ${what} in the loaded specs`,
        `Find it with: keyhole endpoints --search ${JSON.stringify(path ?? word)}`,
      );
    }
    found.push(operation);
  }
  return found;
}

/** The profile's recorded calls, newer than `sinceMs` ago when given. */
function historyCalls(profile: string, sinceMs: number | undefined): RecordedCall[] {
  return recordedCalls(readHistory(profile), sinceMs);
}

function sinceText(options: { since?: string }): string {
  return options.since === undefined ? '' : ` in the last ${options.since}`;
}

function printPlan(plan: ScopePlan): void {
  const decided = plan.operations.filter((op) => op.undecided === null);
  printLine(styled('bold', planTitle(plan)));
  printLine(`rule: ${plan.ruleText}`);
  printLine(`credential: ${credentialText(plan)}`);
  const levels = userLevelLine(plan);
  if (levels !== null) printLine(levels);
  printLine();
  if (plan.scopes.length > 0) printTable(['SCOPE', 'GRANTS'], grantRows(plan));
  else if (decided.length > 0) printLine('No scope is needed.');
  plan.notes.forEach((text) => note(text));
  printLine();
  const table = operationTable(plan);
  printTable(table.headers, table.rows);
  const undecided = undecidedLines(plan);
  if (undecided) {
    printLine();
    printLine(styled('yellow', undecided.title));
    undecided.lines.forEach((line) => printLine(line));
  }
}

function printAudit(name: string, audit: ScopeAudit): void {
  printLine(styled('bold', auditTitle(name, audit)));
  auditHeldLines(audit).forEach((line) => printLine(line));
  audit.warnings.forEach((text) => warn(text));
  printLine();
  const allScopes = allScopesTitle(audit);
  if (allScopes !== null) {
    printLine(styled('yellow', allScopes));
    for (const id of audit.onlyByAllScopes) printLine(`  ${id}`);
  }
  auditFindingLines(audit).forEach((line) => printLine(line));
  printLine();
  printLine(styled('bold', ENOUGH_TITLE));
  auditEnoughLines(audit).forEach((line) => printLine(line));
  audit.plan.notes.forEach((text) => note(text));
}
