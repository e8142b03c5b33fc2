import type stringWidth from 'string-width';

/** The characters the fast path counts one column each (see string-width-narrow.mjs). */
export declare const NARROW: RegExp;
/** string-width, with a fast path for narrow text. */
declare const narrowStringWidth: typeof stringWidth;
export default narrowStringWidth;
