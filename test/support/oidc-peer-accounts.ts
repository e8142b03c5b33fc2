/** The people who can sign in at the test peer, with their passwords. */
export interface DemoAccount {
  accountId: string;
  username: string;
  password: string;
  email: string;
  name: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    accountId: 'acct-jane',
    username: 'jane.doe',
    password: 'jane-password',
    email: 'jane.doe@example.test',
    name: 'Jane Doe',
  },
  {
    accountId: 'acct-sam',
    username: 'sam.admin',
    password: 'sam-password',
    email: 'sam.admin@example.test',
    name: 'Sam Admin',
  },
];
