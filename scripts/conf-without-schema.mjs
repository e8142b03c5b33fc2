// What conf's bundle gets instead of ajv, ajv-formats and semver. conf needs ajv only for its
// `schema` option and semver only for `migrations`; keyhole passes neither (JsonFileStore
// validates with zod itself), yet conf imports both at its top, which put 440 KB of code on the
// path of every command that reads the config. scripts/build.mjs points conf's imports of them
// here, and nowhere else. Should conf ever reach for them, this says so instead of misbehaving.
function unused() {
  throw new Error(
    'conf was given a schema or migrations: keyhole bundles it without ajv and semver (scripts/conf-without-schema.mjs)',
  );
}

export class Ajv2020 {
  constructor() {
    unused();
  }
}

export default {
  default: unused,
  eq: unused,
  clean: unused,
  satisfies: unused,
  lte: unused,
  gt: unused,
};
