import type {
  CatalogOperation,
  CatalogParameter,
  HttpMethod,
  SecurityRequirement,
  SpecIndex,
} from './types.js';

/*
 * The index as it is kept on disk: every repeated value once, operations as rows of numbers.
 * Microsoft Graph beta (47 MB, 22,361 operations) wrote a 28 MB index as plain JSON objects: the
 * same 22 query parameters 40,000 times, the same title and version 22,000 times, a key name
 * beside every value. Here its parameters, tag lists, security lists, texts and examples are
 * tables read by number, a path is written as the part it does not share with the path before it
 * (`/users/{id}` after `/users`), and what follows from the rest (`id`, `specPath`, `specTitle`,
 * `specVersion`) is not written at all.
 */

const METHODS: readonly HttpMethod[] = [
  'GET',
  'PUT',
  'POST',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'PATCH',
  'TRACE',
];

/** The index without its operations, which are {@link EncodedIndex.rows}. */
type IndexHead = Omit<SpecIndex, 'operations'>;

/** The on-disk form of a {@link SpecIndex}. */
export interface EncodedIndex extends IndexHead {
  /** Summaries, descriptions, tags, media types, examples, base URLs: each distinct text once. */
  texts: string[];
  parameters: CatalogParameter[];
  /** Lists of parameters, by their numbers in `parameters`. */
  parameterLists: number[][];
  /** Lists of tags, by their numbers in `texts`. */
  tagLists: number[][];
  securities: (SecurityRequirement[] | null)[];
  userLevels: (string[] | null)[];
  /** The server path templates with variables (`/v2/{lang}`) operations have. */
  serverPaths: NonNullable<CatalogOperation['serverPath']>[];
  /** One row per operation: see {@link Column}. */
  rows: Row[];
}

/** What each place of a row holds. Texts are numbers in `texts`, -1 for none. */
const enum Column {
  Method,
  /** How many leading characters the path shares with the previous operation's. */
  PathShared,
  PathRest,
  /** Characters of `path` before `specPath` (the server's path), which ends it. */
  ServerPathLength,
  /** Like the path, against the previous operationId; -1 when there is none. */
  OperationIdShared,
  OperationIdRest,
  Summary,
  Description,
  Tags,
  Security,
  /** Bit 1: security inherited from the document; bit 2: experimental. */
  Flags,
  UserLevels,
  PathParams,
  QueryParams,
  HeaderParams,
  BodyType,
  BodyExample,
  BaseUrl,
  /** A number in `serverPaths`, or -1 for an operation whose server path has no variables. */
  ServerPath,
}
type Row = (number | string)[];
const COLUMNS = Column.ServerPath + 1;

const INHERITED = 1;
const EXPERIMENTAL = 2;

/**
 * Numbers distinct values in order of first use; values are told apart by `keyOf`. The same
 * object met again (the index shares parameters between operations) is not keyed again.
 */
class Table<T> {
  readonly values: T[] = [];
  private readonly numbers = new Map<string, number>();
  private readonly seen = new Map<T, number>();
  constructor(private readonly keyOf: (value: T) => string) {}

  number(value: T): number {
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    const key = this.keyOf(value);
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.values.length;
      this.values.push(value);
      this.numbers.set(key, number);
    }
    if (typeof value === 'object' && value !== null) this.seen.set(value, number);
    return number;
  }
}

function sharedLength(a: string, b: string): number {
  const end = Math.min(a.length, b.length);
  let at = 0;
  while (at < end && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/** The on-disk form of `index` (see {@link decodeIndex} for the way back). */
export function encodeIndex(index: SpecIndex): EncodedIndex {
  const texts = new Table<string>((text) => text);
  const text = (value: string | null) => (value === null ? -1 : texts.number(value));
  const parameters = new Table<CatalogParameter>((p) => JSON.stringify(p));
  const parameterLists = new Table<number[]>((list) => list.join(','));
  const params = (list: CatalogParameter[]) =>
    parameterLists.number(list.map((p) => parameters.number(p)));
  const tagLists = new Table<number[]>((list) => list.join(','));
  const securities = new Table<SecurityRequirement[] | null>((s) => JSON.stringify(s));
  const userLevels = new Table<string[] | null>((levels) => JSON.stringify(levels));
  const serverPaths = new Table<NonNullable<CatalogOperation['serverPath']>>((server) =>
    JSON.stringify(server),
  );

  let previousPath = '';
  let previousId = '';
  const rows = index.operations.map((op): Row => {
    const pathShared = sharedLength(previousPath, op.path);
    previousPath = op.path;
    let idShared = -1;
    let idRest = '';
    if (op.operationId !== null) {
      idShared = sharedLength(previousId, op.operationId);
      idRest = op.operationId.slice(idShared);
      previousId = op.operationId;
    }
    const row: Row = new Array<number | string>(COLUMNS);
    row[Column.Method] = METHODS.indexOf(op.method);
    row[Column.PathShared] = pathShared;
    row[Column.PathRest] = op.path.slice(pathShared);
    // The index always builds `path` as the server's path then `specPath`; should it ever not,
    // the template is written out whole instead.
    row[Column.ServerPathLength] = op.path.endsWith(op.specPath)
      ? op.path.length - op.specPath.length
      : op.specPath;
    row[Column.OperationIdShared] = idShared;
    row[Column.OperationIdRest] = idRest;
    row[Column.Summary] = text(op.summary);
    row[Column.Description] = text(op.description);
    row[Column.Tags] = tagLists.number(op.tags.map((tag) => texts.number(tag)));
    row[Column.Security] = securities.number(op.security);
    row[Column.Flags] =
      (op.securityInherited ? INHERITED : 0) | (op.experimental ? EXPERIMENTAL : 0);
    row[Column.UserLevels] = userLevels.number(op.userLevels);
    row[Column.PathParams] = params(op.pathParams);
    row[Column.QueryParams] = params(op.queryParams);
    row[Column.HeaderParams] = params(op.headerParams);
    row[Column.BodyType] = text(op.requestBodyType);
    row[Column.BodyExample] = text(op.requestBodyExample);
    row[Column.BaseUrl] = text(op.baseUrl);
    row[Column.ServerPath] = op.serverPath === undefined ? -1 : serverPaths.number(op.serverPath);
    return row;
  });
  const { operations: _operations, ...head } = index;
  return {
    ...head,
    texts: texts.values,
    parameters: parameters.values,
    parameterLists: parameterLists.values,
    tagLists: tagLists.values,
    securities: securities.values,
    userLevels: userLevels.values,
    serverPaths: serverPaths.values,
    rows,
  };
}

/** A cache file that does not decode: read as a miss by the cache. */
class Damaged extends Error {}

/** The value at `at` of `list`; a number out of range means a damaged file. */
function entry<T>(list: readonly T[], at: unknown): T {
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= list.length) {
    throw new Damaged(`no entry ${String(at)}`);
  }
  return list[at] as T;
}

function isArrayOf<T>(value: unknown, check: (item: unknown) => item is T): value is T[] {
  return Array.isArray(value) && value.every(check);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumberList = (value: unknown): value is number[] =>
  isArrayOf(value, (item): item is number => typeof item === 'number');
const isParameter = (value: unknown): value is CatalogParameter =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CatalogParameter).name === 'string' &&
  typeof (value as CatalogParameter).required === 'boolean';

/**
 * The index `encoded` stands for, or undefined when the file is damaged or not of this shape
 * (a damaged cache is a miss, never an error). Equal values are shared between operations:
 * the parameters, tag lists and texts of 22,000 operations are a few thousand objects.
 */
export function decodeIndex(encoded: unknown): SpecIndex | undefined {
  try {
    return decode(encoded as EncodedIndex);
  } catch (error) {
    if (error instanceof Damaged || error instanceof TypeError) return undefined;
    throw error;
  }
}

function decode(encoded: EncodedIndex): SpecIndex {
  const { texts, parameters, parameterLists, tagLists, securities, userLevels, serverPaths, rows } =
    encoded;
  if (
    !isArrayOf(texts, isString) ||
    !isArrayOf(parameters, isParameter) ||
    !isArrayOf(parameterLists, isNumberList) ||
    !isArrayOf(tagLists, isNumberList) ||
    !Array.isArray(securities) ||
    !Array.isArray(userLevels) ||
    !Array.isArray(serverPaths) ||
    !Array.isArray(rows) ||
    !Array.isArray(encoded.warnings) ||
    typeof encoded.title !== 'string' ||
    typeof encoded.version !== 'string'
  ) {
    throw new Damaged('not an encoded index');
  }
  const lists = parameterLists.map((list) => list.map((at) => entry(parameters, at)));
  const tags = tagLists.map((list) => list.map((at) => entry(texts, at)));
  const text = (at: unknown): string | null => (at === -1 ? null : entry(texts, at));
  const textOrEmpty = (at: unknown): string => text(at) ?? '';
  const string = (value: unknown): string => {
    if (typeof value !== 'string') throw new Damaged('not a text');
    return value;
  };

  let path = '';
  let operationId = '';
  const operations = rows.map((row): CatalogOperation => {
    if (!Array.isArray(row) || row.length !== COLUMNS) throw new Damaged('not a row');
    const method = entry(METHODS, row[Column.Method]);
    path = path.slice(0, Number(row[Column.PathShared])) + string(row[Column.PathRest]);
    const serverPath = row[Column.ServerPathLength];
    const idShared = row[Column.OperationIdShared];
    let id: string | null = null;
    if (idShared !== -1) {
      operationId = operationId.slice(0, Number(idShared)) + string(row[Column.OperationIdRest]);
      id = operationId;
    }
    const flags = Number(row[Column.Flags]);
    const serverPathAt = row[Column.ServerPath];
    const operation: CatalogOperation = {
      id: `${method} ${path}`,
      method,
      path,
      specPath: typeof serverPath === 'number' ? path.slice(serverPath) : string(serverPath),
      operationId: id,
      summary: textOrEmpty(row[Column.Summary]),
      description: textOrEmpty(row[Column.Description]),
      tags: entry(tags, row[Column.Tags]),
      security: entry(securities, row[Column.Security]),
      securityInherited: (flags & INHERITED) !== 0,
      userLevels: entry(userLevels, row[Column.UserLevels]),
      pathParams: entry(lists, row[Column.PathParams]),
      queryParams: entry(lists, row[Column.QueryParams]),
      headerParams: entry(lists, row[Column.HeaderParams]),
      experimental: (flags & EXPERIMENTAL) !== 0,
      requestBodyType: text(row[Column.BodyType]),
      requestBodyExample: text(row[Column.BodyExample]),
      baseUrl: text(row[Column.BaseUrl]),
      specTitle: encoded.title,
      specVersion: encoded.version,
    };
    if (serverPathAt !== -1) operation.serverPath = entry(serverPaths, serverPathAt);
    return operation;
  });
  const {
    texts: _texts,
    parameters: _parameters,
    parameterLists: _parameterLists,
    tagLists: _tagLists,
    securities: _securities,
    userLevels: _userLevels,
    serverPaths: _serverPaths,
    rows: _rows,
    ...head
  } = encoded;
  return { ...head, operations };
}
