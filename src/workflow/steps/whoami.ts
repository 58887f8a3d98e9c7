// whoami: STS GetCallerIdentity, next to the Linux user, who AWS never sees.
import { userInfo } from 'node:os';
import type { StepImpl } from './scope.js';

export const whoami: StepImpl = async (s) => {
  const me = await s.identity.whoami(s.signal);
  s.print(`UserId:  ${me.userId}`);
  s.print(`Account: ${me.account}`);
  s.print(`Arn:     ${me.arn}`);
  const linux = userInfo().username;
  s.print(`Linux user on this machine: ${linux} (it controls files and processes here; AWS never sees it)`);
  return {
    summary: `Your AWS credentials belong to ${me.arn} in account ${me.account}; that identity, not the Linux user ${linux}, is what IAM checks.`,
    verified: [{ label: 'account', value: me.account }, { label: 'identity', value: me.arn }],
  };
};
