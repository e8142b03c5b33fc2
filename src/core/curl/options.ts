/* The curl options parseCurl skips: what takes a value, and what changes nothing worth a word. */

/** Options with a value that only shape curl's own output and timing: dropped without a word. */
const QUIET_WITH_VALUE = [
  '-o',
  '--output',
  '-w',
  '--write-out',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--retry',
  '--retry-delay',
  '--retry-max-time',
];

/** Options that take a value keyhole has no use for (output files, retries, certificates, …). */
export const IGNORED_WITH_VALUE = new Set([
  ...QUIET_WITH_VALUE,
  '-x',
  '--proxy',
  '--cacert',
  '--capath',
  '-E',
  '--cert',
  '--key',
  '-c',
  '--cookie-jar',
  '-D',
  '--dump-header',
  '--resolve',
  '--connect-to',
  '--limit-rate',
  '--max-redirs',
  '-T',
  '--upload-file',
  '-F',
  '--form',
  '--oauth2-bearer',
]);
/** Option letters that take a value, for bundles such as `-sSXPOST`. */
export const SHORT_WITH_VALUE = new Set('XHdubAeowmxEcDTF'.split(''));
/** Options that change nothing about the request: dropped without a word. */
export const QUIET = new Set([
  ...QUIET_WITH_VALUE,
  '-s',
  '--silent',
  '-S',
  '--show-error',
  '-L',
  '--location',
  '-v',
  '--verbose',
  '-i',
  '--include',
  '--compressed',
  '-f',
  '--fail',
  '--fail-with-body',
  '-g',
  '--globoff',
  '-N',
  '--no-buffer',
  '-#',
  '--progress-bar',
  '--http1.1',
  '--http2',
]);
