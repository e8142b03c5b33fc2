import { Box } from 'ink';
import type { SessionSnapshot } from '../../core/session/index.js';
import { tokenBadge } from '../../core/session/index.js';
import { countdown } from '../state/countdown.js';
import { COLORS } from '../theme.js';
import { Text } from './text.js';

export interface HeaderProps {
  readonly session: SessionSnapshot;
  readonly width: number;
  /** The time the expiry countdown is shown for (the app's countdown clock). */
  readonly now: number;
}

/**
 * Two lines: the app and (in demo mode) the DEMO TENANT banner, then who the current profile's
 * token is: name, host, kind badge, user or "no user context", authorities, a live expiry.
 */
export function Header({ session, width, now }: HeaderProps) {
  return (
    <Box flexDirection="column" width={width}>
      <Box width={width}>
        <Box flexGrow={1} flexShrink={1} overflow="hidden">
          <Text wrap="truncate">
            <Text bold>keyhole </Text>
            {session.demo ? (
              <>
                <Text inverse bold color={COLORS.warn}>
                  {' DEMO TENANT '}
                </Text>
                <Text dimColor>
                  {` in-process at ${session.demo.baseUrl}; its profiles last until you quit`}
                </Text>
              </>
            ) : (
              <Text dimColor>see who your token is, and what it may call</Text>
            )}
          </Text>
        </Box>
        <Box flexShrink={0}>
          <Text dimColor> ? help</Text>
        </Box>
      </Box>
      <IdentityLine session={session} width={width} now={now} />
    </Box>
  );
}

/**
 * Who the token is, cut (with an ellipsis) where it must be; the expiry sits at the right end and
 * is never cut, since it is what tells a person whether the next request will work.
 */
function IdentityLine({
  session,
  width,
  now,
}: {
  readonly session: SessionSnapshot;
  readonly width: number;
  readonly now: number;
}) {
  const { current, token } = session;
  if (!current) return <Text dimColor>no profile: press a to add one</Text>;
  const { profile } = current;
  const identity = token.status === 'ready' ? token.identity : null;
  const badge = tokenBadge(identity, profile);
  const production = profile.tags.includes('production');
  return (
    <Box width={width}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate">
          {production ? (
            <Text inverse bold color={COLORS.danger}>
              {' PRODUCTION '}
            </Text>
          ) : null}
          {production ? ' ' : ''}
          <Text bold>{profile.name}</Text>
          <Text dimColor>{` @ ${hostOf(profile.baseUrl)}  `}</Text>
          <Text
            color={COLORS.accent}
          >{`[${badge.label}${badge.source === 'label' ? '?' : ''}]`}</Text>
          {'  '}
          {identity ? <Who session={session} /> : <TokenStatus session={session} />}
          {identity && identity.authorities.length > 0 ? (
            <Text dimColor>{`  authorities ${identity.authorities.join(' ')}`}</Text>
          ) : null}
        </Text>
      </Box>
      {identity ? (
        <Box flexShrink={0}>
          <Expiry expiresAt={identity.expiresAt} now={now} />
        </Box>
      ) : null}
    </Box>
  );
}

function Who({ session }: { readonly session: SessionSnapshot }) {
  if (session.token.status !== 'ready') return null;
  const { identity } = session.token;
  if (identity.userContext === false) return <Text color={COLORS.warn}>no user context</Text>;
  if (identity.userContext === null) return <Text dimColor>user context unknown</Text>;
  return <Text color={COLORS.ok}>{identity.userName ?? identity.identityId ?? 'a user'}</Text>;
}

function TokenStatus({ session }: { readonly session: SessionSnapshot }) {
  const { token } = session;
  if (token.status === 'loading') {
    return (
      <Text dimColor>
        {token.loginUrl
          ? 'waiting for the login in the browser (t shows the URL)…'
          : 'getting a token…'}
      </Text>
    );
  }
  if (token.status === 'error')
    return <Text color={COLORS.danger}>{`no token: ${token.message}`}</Text>;
  if (token.status === 'none') return <Text dimColor>{token.message ?? 'no token yet'}</Text>;
  return null;
}

function Expiry({ expiresAt, now }: { readonly expiresAt: string | null; readonly now: number }) {
  const at = expiresAt === null ? Number.NaN : Date.parse(expiresAt);
  if (!Number.isFinite(at)) return <Text dimColor> no expiry</Text>;
  const shown = countdown(at, now);
  if (shown.expired) return <Text color={COLORS.danger}>{`  ${shown.phrase}`}</Text>;
  return <Text dimColor>{`  expires ${shown.phrase}`}</Text>;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
