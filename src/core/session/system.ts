import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes } from '../text/size.js';
import type { Notice } from './types.js';

/** Opens a login URL in the system browser; the URL is on screen too, so failing is fine. */
export async function openSystemBrowser(url: string): Promise<void> {
  try {
    const { default: open } = await import('open');
    const child = await open(url);
    // A missing xdg-open arrives later as an 'error' event; unheard, it would end the process.
    child.once('error', () => undefined);
  } catch {
    // The person can open the URL by hand.
  }
}

/** Writes a body to a new 0600 file (never over an existing one) and says how it went. */
export async function writeBodyFile(file: string, raw: Buffer): Promise<Notice> {
  try {
    await writeFile(file, raw, { mode: 0o600, flag: 'wx' });
    return {
      kind: 'info',
      text: `saved ${formatBytes(raw.length)} to ${path.resolve(file)}`,
      hint: null,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return { kind: 'error', text: `${file} exists already`, hint: 'Choose another file name.' };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', text: `cannot write ${file}: ${message}`, hint: null };
  }
}
