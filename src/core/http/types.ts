/** A request as the caller describes it, before the engine adds credentials or follows redirects. */
export interface OutgoingRequest {
  /** HTTP method, upper case (GET, POST, …). */
  readonly method: string;
  /** Absolute http(s) URL. */
  readonly url: string;
  /**
   * Header names in any case. An explicit Authorization here wins over the profile's token
   * (and then a 401 is not retried, since the engine does not own that credential).
   */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** Where the engine may send the profile's token, and how it gets one. */
export interface RequestAuthorization {
  /** The profile's API origin ("https://acme.api.identitynow.com"); no other origin sees the token. */
  readonly origin: string;
  /**
   * Whether getToken can bring a different token. When false (a pasted token), a 401 is not
   * retried. @default true
   */
  readonly renewable?: boolean;
  /** `force: true` asks for a fresh token after a 401, bypassing any cache. */
  readonly getToken: (options: { force: boolean }) => Promise<string>;
  /**
   * Other values tied to the token (refresh token, client secret) known once getToken ran; they
   * are cut out of the response like the token itself.
   */
  readonly secrets?: () => readonly string[];
}

/** Progress of one sendRequest call, for spinners and "3.2 MB received" lines. */
export type ProgressEvent =
  /** The URL is redacted (redactUrl), like every URL the engine reports. */
  | { readonly type: 'sent'; readonly method: string; readonly url: string }
  | { readonly type: 'headers'; readonly status: number }
  | { readonly type: 'data'; readonly receivedBytes: number; readonly totalBytes: number | null }
  | { readonly type: 'retry'; readonly reason: string; readonly waitMs: number }
  | { readonly type: 'done'; readonly status: number };

export interface SendOptions {
  /** Adds `Authorization: Bearer …` to requests for this origin only. */
  readonly authorization?: RequestAuthorization;
  /** Cancels the request, including any wait before a retry. */
  readonly signal?: AbortSignal;
  /**
   * How long to wait for the response headers, and then for each piece of the body.
   * A slow but steady download is not cut off; 0 waits forever. @default 30000
   */
  readonly timeoutMs?: number;
  /**
   * The whole call at most: connection, redirects, retries, waits and the complete body. It ends
   * an endless or trickling body that the silence timeout never catches; 0 is no limit.
   * @default 300000 (5 minutes)
   */
  readonly deadlineMs?: number;
  /** Called synchronously as the request goes; keep it cheap (it runs once per body chunk). */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * Body bytes taken at most; once the server sends more, the download stops and the response
   * is marked truncated. Infinity lifts the cap (a kept body still stops at MEMORY_CEILING_BYTES;
   * a streamed one does not). @default 67108864 (64 MiB)
   */
  readonly maxBodyBytes?: number;
  /**
   * Writes the final response's body here as it arrives (pausing the download while the stream
   * is full) instead of keeping it: ResponseRecord.body then holds only its first
   * STREAM_PREVIEW_BYTES, and `streamed` is true. Bodies of responses the engine acts on
   * (redirects, 401s it retries, 429s it waits out) are never written.
   */
  readonly streamBodyTo?: NodeJS.WritableStream;
  /** Retry 429s of idempotent methods after Retry-After, within these bounds. Off when absent. */
  readonly retryOn429?: { readonly maxWaitMs: number; readonly maxRetries: number };
  /** Redirects followed before giving up; 0 returns the 3xx itself. @default 5 */
  readonly followRedirects?: number;
  readonly tls?: {
    /** PEM file with extra CA certificates, trusted in addition to the system roots. */
    readonly caFile?: string;
    /** Turns certificate verification off; every response then carries a warning. */
    readonly insecure?: boolean;
  };
  /** Route through HTTP_PROXY / HTTPS_PROXY, except hosts in NO_PROXY. */
  readonly proxyFromEnv?: boolean;
}

/**
 * Durations in milliseconds of the final exchange. DNS, connect and TLS are present only when
 * that exchange opened a new connection; a reused keep-alive connection has none of them, and
 * DNS is absent for IP literals.
 */
export interface Timing {
  readonly dnsMs?: number;
  readonly connectMs?: number;
  readonly tlsMs?: number;
  /** From writing the request on the connection to the response headers: the server's time. */
  readonly firstByteMs: number;
  /** From the response headers to the last body byte. */
  readonly downloadMs: number;
  /** The whole sendRequest call, redirects, retries and waits included. */
  readonly totalMs: number;
}

export interface ResponseRecord {
  readonly status: number;
  readonly statusText?: string;
  /**
   * Lower-case names; repeated headers (set-cookie) as arrays. Known secrets (the token, the
   * request's credentials) are already cut out of values; views must still redactHeaders.
   */
  readonly headers: Record<string, string | string[]>;
  /** At most bodyLimitBytes of the body (only its first bytes when `streamed`), with known secrets cut out (see warnings). */
  readonly body: Buffer;
  /** The server sent more than bodyLimitBytes; the download stopped there. */
  readonly truncated: boolean;
  /** The cap that applied (Infinity when lifted); a truncated body was cut at this size. */
  readonly bodyLimitBytes: number;
  /** The body went to SendOptions.streamBodyTo as it arrived. */
  readonly streamed: boolean;
  /** Body bytes received; when truncated, what arrived before the download stopped. */
  readonly receivedBytes: number;
  readonly timing: Timing;
  /** Each redirect followed, in order. */
  readonly redirects: ReadonlyArray<{ readonly status: number; readonly location: string }>;
  /** Requests repeated after a 401 (token refresh) or a 429. */
  readonly retries: number;
  /** The final request, already redacted (headers and URL), fit for display and logs. */
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly headers: Record<string, string | string[]>;
  };
  /** Things the user must be told on every use, such as disabled TLS verification. */
  readonly warnings: readonly string[];
}
