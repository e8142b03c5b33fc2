import type { KeyholeError } from '../errors.js';
import type { SpecLimits } from './spec-limits.js';

/** HTTP methods an OpenAPI path item can hold, upper-cased as keyhole shows and sends them. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

/**
 * One OpenAPI security requirement: scheme name → scopes. The operation accepts a token that
 * satisfies any one requirement of its list.
 */
export type SecurityRequirement = Record<string, string[]>;

/**
 * A scheme of `components.securitySchemes`, reduced to what tells whether the bearer token keyhole
 * sends can satisfy it (an `http` bearer or OAuth2 scheme can; HTTP basic or an API key cannot).
 */
export interface CatalogSecurityScheme {
  /** `http`, `apiKey`, `oauth2`, `openIdConnect`, `mutualTLS`, or as written; '' when missing. */
  type: string;
  /** `http` only: the authorization scheme, lower case (`bearer`, `basic`). */
  scheme?: string;
  /** `http` bearer only: a hint such as `JWT`. */
  bearerFormat?: string;
  /** `apiKey` only: where the key goes (`header`, `query`, `cookie`). */
  in?: string;
  /** `apiKey` only: the header, query parameter or cookie that carries it. */
  name?: string;
}

/** A path, query or header parameter, reduced to what a request form needs. */
export interface CatalogParameter {
  name: string;
  required: boolean;
  /** The schema's `type` (`string`, `integer`, `array`, …; 3.1 type lists joined by `|`), or null. */
  type: string | null;
  description: string;
  /** From the parameter's `example`, its first `examples` entry, or its schema's example/default. */
  example: unknown;
}

/** One server of the document, its `{variables}` left in place with their defaults beside them. */
export interface CatalogServer {
  url: string;
  description: string;
  /** Each variable's default, by name (a variable without one is not listed). */
  variables: Record<string, string>;
  /** The values a variable's `enum` lists, by name; absent when no variable lists any. */
  enums?: Record<string, string[]>;
}

/** A `{variable}` of a server URL's path: the request form offers it as a field. */
export interface ServerVariable {
  name: string;
  /** The spec's default; null when it gives none (the user fills it in). */
  default: string | null;
  /** The values the spec lists for it; empty when any value will do. */
  enum: string[];
}

/** One operation of an OpenAPI document, flattened for listing, searching and access prediction. */
export interface CatalogOperation {
  /** `METHOD path`, unique within a catalog. */
  id: string;
  method: HttpMethod;
  /**
   * The path on the host: the server URL's own path joined with the path template, so SailPoint's
   * `/access-requests` under server `https://{tenant}.api.identitynow.com/v3` is
   * `/v3/access-requests`.
   */
  path: string;
  /** The path template exactly as the document writes it. */
  specPath: string;
  operationId: string | null;
  summary: string;
  /** The first paragraph of the description, cut to about 300 characters. */
  description: string;
  tags: string[];
  /**
   * The requirements that apply: the operation's own, else the document's top-level ones.
   * `[]` means explicitly public; null means the document says nothing about security.
   */
  security: SecurityRequirement[] | null;
  /** Whether `security` came from the document's top level rather than the operation. */
  securityInherited: boolean;
  /**
   * SailPoint's `x-sailpoint-userLevels` (or its misspelling `x-sailpont-userLevels`) as written;
   * null when the operation has neither.
   */
  userLevels: string[] | null;
  pathParams: CatalogParameter[];
  queryParams: CatalogParameter[];
  /** Header parameters (Accept, Content-Type and Authorization are not parameters, per OpenAPI). */
  headerParams: CatalogParameter[];
  /**
   * SailPoint's experimental operations: they require the header `X-SailPoint-Experimental`
   * (and the tenant refuses them without it).
   */
  experimental: boolean;
  /** Media type of the request body keyhole would send (JSON preferred), or null without a body. */
  requestBodyType: string | null;
  /** An example request body as pretty-printed JSON, or null when the document gives none. */
  requestBodyExample: string | null;
  /** The URL of the first server that applies, `{variables}` unresolved; null when none is given. */
  baseUrl: string | null;
  /**
   * When that server's path has `{variables}` (`https://api.tcgdex.net/v2/{lang}`): `path` with
   * them kept as `{name}` (`/v2/{lang}/cards`) and the variables, for the request form to fill.
   * Absent otherwise: variables of the host (SailPoint's `{tenant}`) are the profile's base URL's.
   */
  serverPath?: { template: string; variables: ServerVariable[] };
  specTitle: string;
  specVersion: string;
}

/** Everything keyhole keeps of one OpenAPI document: what is cached by content hash. */
export interface SpecIndex {
  /** sha256 of the document's bytes, hex. */
  hash: string;
  /** The `openapi` field, e.g. `3.0.1`. */
  openapi: string;
  title: string;
  version: string;
  servers: CatalogServer[];
  /** The schemes declared under `components.securitySchemes`, by name. */
  securitySchemes: Record<string, CatalogSecurityScheme>;
  operations: CatalogOperation[];
  /** Operations under `webhooks` (OpenAPI 3.1): requests the API sends, not listed. */
  webhooks: number;
  /** `Swagger 2.0` when the document was converted to OpenAPI 3 to be read; null otherwise. */
  convertedFrom: string | null;
  /** Things the loader tolerated: unresolved `$ref`s, misspelt extensions, unknown schemes. */
  warnings: string[];
}

/** A spec as loaded from one source. */
export interface LoadedSpec extends SpecIndex {
  /** The file path (absolute) or URL it was read from. */
  source: string;
  /** Whether the index came from the cache (no YAML parsing, no dereferencing). */
  fromCache: boolean;
  /**
   * The warnings to show on this load: this run's own (an offline copy in use) and, when the
   * document was parsed now, the document's (unresolved `$ref`s, misspelt extensions, undeclared
   * schemes). A cached index's were shown when it was parsed: they are in `warnings` only.
   */
  newWarnings: string[];
  /** Time spent reading, hashing and parsing or reading the cache, in milliseconds. */
  elapsedMs: number;
  /** The SailPoint API version (`v2025`) of a `sailpoint:` source; null for any other. */
  label: string | null;
  /** For a URL: how the bytes were obtained this time; null for a file. */
  download: SpecDownload | null;
}

/** How a downloaded spec was obtained (see `fetchRemoteSpec`). */
export interface SpecDownload {
  state: 'downloaded' | 'unchanged' | 'cached' | 'offline';
  /** When the bytes in use were downloaded, epoch ms. */
  fetchedAt: number;
  /** The URL read (for `sailpoint:latest`, the version's own). */
  url: string;
}

/** How far one download has come. */
export interface DownloadProgress {
  /** The source as the catalog was given it. */
  source: string;
  /** `SailPoint v2025`, the URL, or the file's name. */
  name: string;
  received: number;
  /** From Content-Length, when the server sent one. */
  total: number | null;
}

/** A spec of a catalog that could not be loaded. */
export interface SpecFailure {
  source: string;
  error: unknown;
}

/** Several specs merged into one list of operations. */
export interface Catalog {
  /** In source order, then document order; a method + path seen before is dropped. */
  operations: CatalogOperation[];
  specs: LoadedSpec[];
  /** What to warn about on this load (see {@link LoadedSpec.newWarnings}). */
  warnings: string[];
  /** The document warnings of indexes read from the cache: said when each was parsed. */
  knownWarnings: string[];
  /** Specs that failed to load; the catalog holds the others. */
  failures: SpecFailure[];
}

/** Options shared by the loaders. */
export interface LoadOptions {
  /** Where cached indexes live. @default `<configDir>/cache/specs` */
  cacheDir?: string;
  /** Skip the cache entirely (neither read nor written). @default false */
  noCache?: boolean;
  /**
   * Progress lines for a person ("downloading SailPoint v3 from …", "checking SailPoint v3 for
   * changes…", "parsed beta.yaml: 559 operations in 420 ms").
   */
  onProgress?: (message: string, source?: string) => void;
  /** A download's bytes as they arrive, a few times a second at most (the TUI's live count). */
  onDownload?: (progress: DownloadProgress) => void;
  /** Aborts URL downloads. */
  signal?: AbortSignal;
  /** How big a spec may be and how long a download may take. @default specLimits() */
  limits?: SpecLimits;
  /** `always` asks the server about every downloaded spec now. @default 'auto' (once a day) */
  refresh?: 'auto' | 'always';
  /** The clock for download ages. @default Date.now */
  now?: () => number;
  /** Where `KEYHOLE_SAILPOINT_SPECS_URL` is read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * The index was parsed but could not be cached (a full or read-only disk). The load still
   * succeeds; without this the failure is only a progress line.
   */
  onCacheError?: (error: KeyholeError) => void;
}
