/*
 * What a spec download needs of undici, for source.ts to import when it downloads, and only
 * then: a spec read from a file or the cache never loads undici's megabyte of code. A dynamic
 * import of 'undici' itself would be the CommonJS module as esbuild bundles it, without its
 * named exports; this module's are.
 */
export { Agent, interceptors, request } from 'undici';
