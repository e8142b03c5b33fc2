import { createHash } from 'node:crypto';

/**
 * SailPoint ids are 32 lowercase hex digits. Deriving them from a stable label instead of drawing
 * them at random keeps them identical across restarts, so a saved request or an OpenAPI example
 * that names a demo object keeps working.
 */
export function stableId(label: string): string {
  return createHash('sha256').update(`keyhole-demo:${label}`).digest('hex').slice(0, 32);
}
