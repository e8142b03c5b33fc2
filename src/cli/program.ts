import { Argument, Command, Option } from 'commander';
import { GRANTS, KINDS, PRESETS } from '../core/profiles/vocabulary.js';
import { runCommand } from './run.js';
import { KEYHOLE_VERSION } from './version.js';

// keyhole's commands. Only declarations: each action loads its module with a dynamic import, so a
// command pays start-up time only for what it uses (and no command but the TUI ever loads Ink or
// React).

const collect = (value: string, previous: string[]) => [...previous, value];
/** Like collect, but undefined until the flag is given, so "not given" differs from "none". */
const collectFresh = (value: string, previous: string[] | undefined) => [
  ...(previous ?? []),
  value,
];

const TIMEOUT_HELP = 'give up when the server is silent this long: 30, 10s, 2m, none (default 30s)';
/** The limits `call` and `compare` share (curl has its own). */
function limitOptions(command: Command): Command {
  return command
    .option(
      '--max-time <duration>',
      'give up on the whole call (redirects, retries, body) after this long (default 5m; none: never)',
    )
    .option(
      '--max-body <size>',
      'take at most this much of the body: 500kB, 64MiB, 1GB, none (default 64MiB)',
    );
}

/** `--max-spec-size`, on every command that loads specs. */
const SPEC_SIZE_FLAG = '--max-spec-size <size>';
const SPEC_SIZE_HELP =
  'read specs up to this size: 200MB, 1GiB, none (default 64MiB, or KEYHOLE_MAX_SPEC_MB)';

/** The request options `compare` and `curl` share with `call`. */
function requestOptions(command: Command): Command {
  return command
    .option('-q, --query <name=value>', 'query parameter (repeatable)', collect, [])
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect, [])
    .option('-d, --data <json>', 'request body: JSON text, @file or @- for stdin')
    .option(
      '--no-spec-headers',
      'do not add the headers the spec requires (X-SailPoint-Experimental)',
    )
    .option('--timeout <duration>', TIMEOUT_HELP);
}

/**
 * The whole command tree, as commander parses it. Built afresh on each call (commander keeps
 * parse state in its commands).
 */
export function buildProgram(): Command {
  const program = new Command('keyhole')
    .description('See who your OAuth2 token is and what it may call.')
    .version(KEYHOLE_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .option('--demo', 'start the TUI with the built-in demo tenant (nothing is saved)')
    .option('--profile <profile>', 'start the TUI with this profile selected')
    .addHelpText('after', '\nWithout a command, keyhole starts its terminal UI.')
    // --demo and --profile belong to the bare `keyhole` only, never to a subcommand's arguments.
    .enablePositionalOptions()
    .exitOverride();

  const profiles = program
    .command('profiles')
    .description('manage saved credential profiles (tenants, API keys, PATs)')
    .exitOverride();

  profiles
    .command('add')
    .description('save a new profile; its secret goes to the OS keychain unless told otherwise')
    .argument('<name>', 'profile name: letters, digits, ".", "_", "-"')
    .requiredOption('--base-url <url>', 'API host, e.g. https://acme.api.identitynow.com')
    .option('--token-url <url>', 'token endpoint (default: {base-url}/oauth/token)')
    .option('--authorize-url <url>', 'authorization endpoint (authorization_code grant)')
    .option('--issuer <url>', 'OIDC issuer for discovery (oidc preset; default: base url)')
    .option('--jwks-url <url>', "signing keys, to verify the token's signature")
    .option(
      '--introspection-url <url>',
      'RFC 7662 endpoint to read opaque tokens (default: from discovery)',
    )
    .addOption(
      new Option('--grant <grant>', 'OAuth2 grant').choices(GRANTS).default('client_credentials'),
    )
    .option('--client-id <id>', 'OAuth client id, or env:VAR to read it at use')
    .option('--secret <source>', 'where the secret lives: env:VAR | cmd:COMMAND | keyring | file')
    .option('--secret-stdin', 'read the secret value from stdin (never pass it as a flag)')
    .option('--insecure-storage', 'store the secret in a 0600 plaintext file (no keychain)')
    .option('--scope <scope>', 'scope to request (repeatable)', collect, [])
    .addOption(
      new Option('--kind <kind>', 'what the credential is').choices(KINDS).default('other'),
    )
    .addOption(
      new Option('--preset <preset>', 'provider preset (default: from the host)').choices(PRESETS),
    )
    .option('--spec <fileOrUrl>', 'OpenAPI spec for this API (repeatable)', collect, [])
    .option('--tag <tag>', 'tag, e.g. production (repeatable)', collect, [])
    .option('--no-history', 'keep no history of the requests made with this profile')
    .option('--json', 'print the saved profile as JSON')
    .action((name: string, options) =>
      runCommand(async () =>
        (await import('./commands/profiles-add.js')).profilesAdd(name, options),
      ),
    );

  profiles
    .command('list')
    .alias('ls')
    .description('list saved profiles')
    .option('--json', 'machine-readable output')
    .action((options) =>
      runCommand(async () => (await import('./commands/profiles.js')).profilesList(options)),
    );

  profiles
    .command('show')
    .description('show one profile (never its secret)')
    .argument('<profile>')
    .option('--json', 'machine-readable output')
    .action((name: string, options) =>
      runCommand(async () => (await import('./commands/profiles.js')).profilesShow(name, options)),
    );

  profiles
    .command('rm')
    .alias('remove')
    .description(
      'delete a profile and all keyhole kept for it: secret, cached tokens, observations, history',
    )
    .argument('<profile>')
    .option('--json', 'machine-readable output')
    .action((name: string, options) =>
      runCommand(async () =>
        (await import('./commands/profiles.js')).profilesRemove(name, options),
      ),
    );

  profiles
    .command('rename')
    .description('rename a profile; its secret, tokens, observations and history move with it')
    .argument('<profile>')
    .argument('<new>')
    .option('--json', 'machine-readable output')
    .action((oldName: string, newName: string, options) =>
      runCommand(async () =>
        (await import('./commands/profiles.js')).profilesRename(oldName, newName, options),
      ),
    );

  profiles
    .command('edit')
    .description('change fields of a saved profile (a repeatable flag replaces its list)')
    .argument('<profile>')
    .option('--base-url <url>', 'API host')
    .option('--token-url <url>', 'token endpoint')
    .option('--authorize-url <url>', 'authorization endpoint')
    .option('--issuer <url>', 'OIDC issuer for discovery')
    .option('--jwks-url <url>', 'signing keys')
    .option('--introspection-url <url>', 'RFC 7662 endpoint to read opaque tokens')
    .addOption(new Option('--grant <grant>', 'OAuth2 grant').choices(GRANTS))
    .option('--client-id <id>', 'OAuth client id, or env:VAR')
    .option('--scope <scope>', 'scopes (repeatable; replaces the list)', collectFresh)
    .addOption(new Option('--kind <kind>', 'what the credential is').choices(KINDS))
    .addOption(new Option('--preset <preset>', 'provider preset').choices(PRESETS))
    .option('--spec <fileOrUrl>', 'OpenAPI specs (repeatable; replaces the list)', collectFresh)
    .option('--tag <tag>', 'tags (repeatable; replaces the list)', collectFresh)
    .option('--history', 'keep a history of the requests made with this profile')
    .option('--no-history', 'keep no history')
    .option('--json', 'print the updated profile as JSON')
    .action((name: string, options) =>
      runCommand(async () =>
        (await import('./commands/profiles-edit.js')).profilesEdit(name, options),
      ),
    );

  profiles
    .command('set-secret')
    .description("change where a profile's secret lives, or store a new value")
    .argument('<profile>')
    .option('--secret <source>', 'env:VAR | cmd:COMMAND | keyring | file (default: keyring)')
    .option('--secret-stdin', 'read the secret value from stdin')
    .option('--insecure-storage', 'store the secret in a 0600 plaintext file (no keychain)')
    .option('--json', 'machine-readable output')
    .action((name: string, options) =>
      runCommand(async () =>
        (await import('./commands/profiles-add.js')).profilesSetSecret(name, options),
      ),
    );

  profiles
    .command('import')
    .description('import profiles from another tool')
    .argument('<source>', 'sail: the SailPoint CLI (~/.sailpoint/config.yaml and SAIL_* variables)')
    .option('--file <path>', 'the SailPoint CLI config file (default: ~/.sailpoint/config.yaml)')
    .option('--json', 'machine-readable output')
    .action((source: string, options) =>
      runCommand(async () =>
        (await import('./commands/profiles-import.js')).profilesImport(source, options),
      ),
    );

  program
    .command('token')
    .description("get (or reuse) the profile's access token; print its decoded header and claims")
    .argument('<profile>')
    .option('--json', 'machine-readable output (never includes the token itself)')
    .option('--raw', 'print only the bare token, for $(keyhole token p --raw)')
    .option(
      '--header',
      "print 'Authorization: Bearer …', for keyhole token p --header | curl -H @-",
    )
    .option('--new', 'ignore the cached token and get a new one')
    .action((name: string, options) =>
      runCommand(async () => (await import('./commands/token.js')).tokenCommand(name, options)),
    );

  program
    .command('whoami')
    .description("who the profile's token is: user or app, identity, authorities, expiry")
    .argument('<profile>')
    .option('--json', 'machine-readable output')
    .option('--new', 'ignore the cached token and get a new one')
    .action((name: string, options) =>
      runCommand(async () => (await import('./commands/token.js')).whoamiCommand(name, options)),
    );

  program
    .command('login')
    .description("log in with the profile's authorization_code or device_code grant now")
    .argument('<profile>')
    .option('--no-browser', 'only print the login URL')
    .option('--port <port>', 'loopback redirect port (SailPoint clients register a fixed one)')
    .option('--json', 'machine-readable output')
    .action((name: string, options) =>
      runCommand(async () => (await import('./commands/token.js')).loginCommand(name, options)),
    );

  program
    .command('logout')
    .description("forget the profile's cached access and refresh tokens")
    .argument('<profile>')
    .action((name: string) =>
      runCommand(async () => (await import('./commands/token.js')).logoutCommand(name)),
    );

  const call = program
    .command('call')
    .description("send a request with the profile's token; the body goes to stdout")
    .argument('<profile>')
    .argument('<method>', 'GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS')
    .argument('<path>', "relative to the profile's base URL, e.g. /v3/identities")
    .option('-q, --query <name=value>', 'query parameter (repeatable)', collect, [])
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect, [])
    .option('-d, --data <json>', 'request body: JSON text, @file or @- for stdin')
    .option('--send-invalid-json', 'send a -d body that is not valid JSON (else exit 2)')
    .option(
      '--no-spec-headers',
      'do not add the headers the spec requires (X-SailPoint-Experimental)',
    )
    .option('--all-pages', 'follow limit/offset (X-Total-Count) and Link pages; prints all items')
    .option('--json', 'one JSON object: status, headers, timing, body, prediction, explanation')
    .option('-v, --verbose', 'the redacted request, status, headers and timing on stderr')
    .option('--timeout <duration>', TIMEOUT_HELP);
  limitOptions(call)
    .option(
      '--spec <fileOrUrl>',
      'OpenAPI spec to predict and explain with (repeatable)',
      collect,
      [],
    )
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--cacert <file>', 'extra CA certificates (PEM) to trust')
    .option('--insecure', 'do not verify TLS certificates (warned on every use)')
    .action((profile: string, method: string, path: string, options) =>
      runCommand(async () =>
        (await import('./commands/call.js')).callCommand(profile, method, path, options),
      ),
    );

  program
    .command('endpoints')
    .description("list the operations of the OpenAPI specs, with what PROFILE's token may call")
    .argument('[profile]')
    .option(
      '--spec <fileOrUrl>',
      "OpenAPI spec, file or URL (repeatable; adds to the profile's)",
      collect,
      [],
    )
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--search <text>', 'search words in method, path, summary, operationId, tags')
    .option('--limit <n>', 'at most this many rows')
    .option('--json', 'machine-readable rows with prediction {verdict, reasons}')
    .action((profile: string | undefined, options) =>
      runCommand(async () =>
        (await import('./commands/endpoints.js')).endpointsCommand(profile, options),
      ),
    );

  limitOptions(
    requestOptions(
      program
        .command('compare')
        .description('send the same request with several profiles; show them side by side and diff')
        .argument('<profiles>', 'two or more profile names separated by commas: demo-api,demo-pat')
        .argument('<method>', 'GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS')
        .argument('<path>', "relative to each profile's base URL, e.g. /v3/identities"),
    ),
  )
    .option('--spec <fileOrUrl>', 'OpenAPI spec to explain with (repeatable)', collect, [])
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--yes', 'send a POST, PUT, PATCH or DELETE once per profile')
    .option('--json', 'one JSON object: results per profile and the diff of the bodies')
    .action((profiles: string, method: string, path: string, options) =>
      runCommand(async () =>
        (await import('./commands/compare.js')).compareCommand(profiles, method, path, options),
      ),
    );

  program
    .command('matrix')
    .description('which profile may call which operation: predictions, observations, --probe')
    .argument('<profiles>', 'profile names separated by commas: demo-api,demo-pat,demo-helpdesk')
    .option('--spec <fileOrUrl>', "OpenAPI spec (repeatable; adds to the profiles')", collect, [])
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--search <text>', 'only operations matching this search (as in endpoints --search)')
    .option('--tag <tag>', 'only operations with this tag')
    .option('--probe', 'call the GET operations without path parameters to observe the statuses')
    .option('--timeout <duration>', 'for --probe: give up on a silent server after this long')
    .option(
      '--max-time <duration>',
      'for --probe: give up on each call after this long (default 5m)',
    )
    .option('--json', 'rows with a cell per profile: verdict, reasons, observed')
    .action((profiles: string, options) =>
      runCommand(async () =>
        (await import('./commands/matrix.js')).matrixCommand(profiles, options),
      ),
    );

  const scopes = program
    .command('scopes')
    .description('the least scopes and user level a credential needs, and what it holds unused');
  scopes
    .command('plan')
    .description('the fewest scopes (and whether a user) that grant these operations')
    .argument(
      '[operations...]',
      'an optional PROFILE first, then operationIds or METHOD PATH pairs: listWorkflows "POST /v3/access-requests"',
    )
    .option('--spec <fileOrUrl>', "OpenAPI spec (repeatable; adds to the profile's)", collect, [])
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--search <text>', 'the operations this search finds (as in endpoints --search)')
    .option('--from-history <profile>', 'the operations this profile has called (its history)')
    .option('--since <span>', 'with --from-history: only calls this recent: 30m, 12h, 7d, 4w')
    .option('--rule <rule>', 'any: one listed scope grants (SailPoint); all: every one (OpenAPI)')
    .option('--json', 'scopes, needsUser, userLevels, exact and the operations as JSON')
    .action((words: string[], options) =>
      runCommand(async () =>
        (await import('./commands/scopes.js')).scopesPlanCommand(words, options),
      ),
    );
  scopes
    .command('audit')
    .description("PROFILE's token beside what its recorded calls needed: scopes held, never used")
    .argument('<profile>')
    .option('--spec <fileOrUrl>', "OpenAPI spec (repeatable; adds to the profile's)", collect, [])
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--since <span>', 'only calls this recent: 30m, 12h, 7d, 4w')
    .option('--rule <rule>', 'any: one listed scope grants (SailPoint); all: every one (OpenAPI)')
    .option('--json', 'the audit as JSON: held, neverNeeded, onlyByAllScopes, plan, warnings')
    .action((name: string, options) =>
      runCommand(async () =>
        (await import('./commands/scopes.js')).scopesAuditCommand(name, options),
      ),
    );

  const specs = program
    .command('specs')
    .description("the OpenAPI specs each profile reads, and keyhole's copies of them")
    .exitOverride();
  specs
    .command('list')
    .description("each profile's specs: version, operations, when downloaded and checked")
    .argument('[profile]', "one profile's specs (default: every profile's)")
    .option('--json', 'machine-readable output')
    .action((profile: string | undefined, options) =>
      runCommand(async () => (await import('./commands/specs.js')).specsList(profile, options)),
    );
  specs
    .command('update')
    .description('ask the servers now whether downloaded specs changed (ETag), and re-index')
    .argument('[profile]', "one profile's specs (default: every profile's)")
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--json', 'machine-readable output')
    .action((profile: string | undefined, options) =>
      runCommand(async () => (await import('./commands/specs.js')).specsUpdate(profile, options)),
    );
  specs
    .command('add')
    .description(
      'add specs to a profile: files, URLs, or SailPoint versions (v3 beta v2025 latest)',
    )
    .argument('<profile>')
    .argument('<sources...>', 'file, http(s) URL, or (SailPoint profiles) an API version')
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--json', 'machine-readable output')
    .action((profile: string, sources: string[], options) =>
      runCommand(async () =>
        (await import('./commands/specs.js')).specsAdd(profile, sources, options),
      ),
    );
  specs
    .command('rm')
    .description("take specs off a profile's list (the cached copies stay)")
    .argument('<profile>')
    .argument('<sources...>', 'as listed by keyhole specs list, or a SailPoint version')
    .option('--json', 'machine-readable output')
    .action((profile: string, sources: string[], options) =>
      runCommand(async () =>
        (await import('./commands/specs.js')).specsRm(profile, sources, options),
      ),
    );

  program
    .command('history')
    .description('the requests call and compare made, newest first')
    .argument('[profile]', "one profile's history (default: every profile's)")
    .option('--limit <n>', 'at most this many entries (default 50)')
    .option('--json', 'the entries with redacted headers and bodies')
    .action((profile: string | undefined, options) =>
      runCommand(async () =>
        (await import('./commands/history.js')).historyCommand(profile, options),
      ),
    );

  requestOptions(
    program
      .command('curl')
      .description('print the request as a curl command (the token is read at run time)')
      .argument('<profile>')
      .argument('<method>', 'GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS')
      .argument('<path>', "relative to the profile's base URL, e.g. /v3/identities"),
  )
    .option('--spec <fileOrUrl>', "OpenAPI spec (repeatable; adds to the profile's)", collect, [])
    .option(SPEC_SIZE_FLAG, SPEC_SIZE_HELP)
    .option('--cacert <file>', 'add --cacert FILE to the command')
    .option('--insecure', 'add --insecure to the command')
    .action((profile: string, method: string, path: string, options) =>
      runCommand(async () =>
        (await import('./commands/curl.js')).curlCommand(profile, method, path, options),
      ),
    );

  program
    .command('demo-server')
    .description('run the demo tenant: a small SailPoint-like API on 127.0.0.1')
    .option('--port <port>', 'port to listen on (default: a free one)')
    .option('--json', 'print one JSON line with the base URL and demo clients when ready')
    .action((options: { port?: string; json?: boolean }) =>
      runCommand(async () =>
        (await import('./commands/demo-server.js')).demoServerCommand(options),
      ),
    );

  const config = program
    .command('config')
    .description('the config folder and its files')
    .exitOverride();
  config
    .command('path')
    .description('print the config folder')
    .option('--json', 'machine-readable output')
    .action((options) =>
      runCommand(async () => (await import('./commands/config.js')).configPath(options)),
    );
  config
    .command('repair')
    .description(
      'move a corrupt config.json aside to a .corrupt-<timestamp> backup and start empty',
    )
    .option('--json', 'machine-readable output')
    .action((options) =>
      runCommand(async () => (await import('./commands/config.js')).configRepair(options)),
    );

  program
    .command('completion')
    .description('print a shell completion script: commands, options and saved profile names')
    .addArgument(new Argument('[shell]', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    // What the scripts run at each Tab: the saved profiles' names, read without the profile store.
    .addOption(new Option('--list-profiles').hideHelp())
    .addHelpText(
      'after',
      [
        '',
        'Load it in your shell:',
        '  bash  source <(keyhole completion bash)        (in ~/.bashrc)',
        '  zsh   source <(keyhole completion zsh)         (in ~/.zshrc, after compinit)',
        '  fish  keyhole completion fish > ~/.config/fish/completions/keyhole.fish',
      ].join('\n'),
    )
    .action((shell: 'bash' | 'zsh' | 'fish' | undefined, options, command: Command) =>
      runCommand(async () =>
        (await import('./commands/completion.js')).completionCommand(
          shell,
          options,
          command.parent ?? command,
        ),
      ),
    );

  return program;
}
