import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, payloadTooLarge, type HttpError } from './errors.js';

/** No demo request needs more; a cap keeps a misbehaving client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, error.body, error.headers);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html;charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
    'Content-Security-Policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
  });
  res.end(html);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw payloadTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads a JSON request body; SailPoint answers 400 to anything that is not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  if (mediaType(req) !== 'application/json') {
    throw badRequest('The request body must be application/json.');
  }
  const text = await readBody(req);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

/** Reads an application/x-www-form-urlencoded body, or undefined when it is another type. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') return undefined;
  return new URLSearchParams(await readBody(req));
}
