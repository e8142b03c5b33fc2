import { fail, pass, unknown, type Check } from './checks.js';

/** The level SailPoint gives API clients: tokens without a user. */
export const APP_LEVEL = 'API';
/** The base level every SailPoint identity holds, whatever else its token lists. */
const BASE_USER_LEVEL = 'USER';

/**
 * The levels of which a user token needs one, read as checkUserLevels reads them: values that
 * look like scopes are ignored, `Any` and `USER` let every user through (nothing needed), and
 * `API` is the level of tokens without a user.
 */
export function levelsAUserNeeds(levels: readonly string[]): string[] {
  const real = levels.filter((level) => !level.includes(':'));
  if (real.includes(BASE_USER_LEVEL) || real.some((level) => level.toLowerCase() === 'any')) {
    return [];
  }
  return real.filter((level) => level !== APP_LEVEL);
}

/**
 * Whether the token's authorities meet the operation's `x-sailpoint-userLevels`.
 *
 * The levels restrict people: a token without a user is judged by the security schemes alone
 * (SailPoint lists `ORG_ADMIN` on operations API clients call every day). `Any` lets everyone
 * through, a value that looks like a scope (`idn:…:read`, a known slip in beta) is ignored, and
 * `USER` is met by every user token, since an admin's token lists only its elevated levels.
 */
export function checkUserLevels(
  levels: readonly string[] | null,
  hasUser: boolean | null,
  authorities: readonly string[],
): Check {
  if (levels === null) return pass('no user levels listed');
  const notes: string[] = [];
  const real: string[] = [];
  for (const level of levels) {
    if (level.includes(':')) notes.push(`ignored user level "${level}": it looks like a scope`);
    else real.push(level);
  }
  if (real.length === 0) return pass(...notes);
  if (real.some((level) => level.toLowerCase() === 'any')) {
    return pass(...notes, 'user levels: Any');
  }
  if (hasUser === false) {
    return pass(
      ...notes,
      real.includes(APP_LEVEL)
        ? `user levels list ${APP_LEVEL}: API clients may call it`
        : 'user levels apply to user tokens only',
    );
  }
  const userLevels = real.filter((level) => level !== APP_LEVEL);
  const wanted = userLevels.length > 0 ? userLevels.join(' or ') : `${APP_LEVEL} (no user level)`;
  if (hasUser === null) {
    return unknown(...notes, `needs user level ${wanted} if the token acts as a user`);
  }
  if (userLevels.includes(BASE_USER_LEVEL)) {
    return pass(...notes, `user level ${BASE_USER_LEVEL}: any user`);
  }
  const held = authorities.find((authority) => userLevels.includes(authority));
  if (held !== undefined) return pass(...notes, `user level ${held}`);
  if (authorities.length === 0) {
    return unknown(...notes, `needs user level ${wanted}; the token lists no authorities`);
  }
  return fail(
    ...notes,
    `needs user level ${wanted} (token has ${authorities.join(', ')})` +
      (real.includes(APP_LEVEL) ? `; ${APP_LEVEL} is the level of tokens without a user` : ''),
  );
}
