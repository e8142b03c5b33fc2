import { ADA_ADAMS, JANE_DOE, SAM_HELPDESK, type DemoIdentity } from './data/identities.js';

/** A user who can sign in on the login page or owns a PAT: an identity plus its user levels. */
export interface DemoUser {
  readonly userName: string;
  readonly identity: DemoIdentity;
  /** SailPoint user levels, carried in the token's `authorities` claim. */
  readonly authorities: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { userName: 'jane.doe', identity: JANE_DOE, authorities: ['ORG_ADMIN'] },
  { userName: 'sam.helpdesk', identity: SAM_HELPDESK, authorities: ['HELPDESK'] },
  { userName: 'ada.adams', identity: ADA_ADAMS, authorities: ['ORG_ADMIN'] },
];

export function findUser(userName: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => user.userName === userName);
}
