// login: GetAuthorizationToken, then `docker login --username AWS --password-stdin <registry>`.
// The password goes to the engine only; every line shown masks the token.
import { maskSecret } from '../../core/mask-secret.js';
import { StepFailure } from '../errors.js';
import type { StepImpl } from './scope.js';
import { iso } from './scope.js';

export const login: StepImpl = async (s) => {
  const out = await s.ecr.getAuthorizationToken({}, s.signal);
  const data = out.authorizationData?.[0];
  const token = data?.authorizationToken ?? '';
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (!token || colon < 0) throw new StepFailure('InvalidToken', 'GetAuthorizationToken returned no usable token');
  const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  s.secret(token);
  s.secret(password);
  s.print(`authorizationToken: ${maskSecret(token)}`);
  s.print(`expiresAt: ${iso(data?.expiresAt)} (12 hours)`);
  s.print(`proxyEndpoint: ${data?.proxyEndpoint}`);
  await s.engine.login(s.target.registry, username, password, s.io);
  const stored = await s.engine.credentialsFor(s.target.registry);
  if (!stored) throw new StepFailure('LoginNotStored', `login finished but no credentials for ${s.target.registry} were found afterwards`);
  return {
    summary: `${s.engine.name === 'docker' ? 'Docker' : 'The built-in engine (standing in for docker)'} now holds a registry token for ${s.target.registry}, valid until ${iso(data?.expiresAt)}. It never saw your IAM secret.`,
    verified: [
      { label: 'credentials stored', value: stored },
      { label: 'token expires', value: iso(data?.expiresAt) },
    ],
  };
};
