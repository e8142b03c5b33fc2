/*
 * The schema library every stored file is checked with: zod's mini build, with its English
 * messages. Classic zod is the same validator behind a method-chaining API that cannot be
 * tree-shaken: bundled, it put 190 KB (750 KB with its 40 locales) on the path of every command
 * that reads the config. Import schemas from here, never from 'zod' itself.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
