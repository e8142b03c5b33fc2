export { toCurl, type CurlExport, type CurlExportOptions } from './export.js';
export { parseCurl, type CurlImport } from './import.js';
export { toClipboardOsc52 } from './osc52.js';
export { shellQuote, shellWords, ShellSyntaxError } from './shell.js';
export { foldCommand } from './fold.js';
export { selfCommand, type SelfLocation } from './self-command.js';
