// GetAuthorizationToken: a 12-hour registry token per registry id, for the emulator's registry.
import type { Operation } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';
import { stringList } from '../validate.js';

const REGISTRY_IDS = "Member must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]{12}]";

export const GetAuthorizationToken: Operation = {
  resource: () => '*',
  async run(call) {
    const { ctx, identity } = call;
    let ids: string[] = [ctx.config.account];
    const given = stringList(call.input, 'registryIds', 1, 10);
    if (given !== undefined) {
      if (given.some((id) => !/^[0-9]{12}$/.test(id))) throw invalidParameter('registryIds', REGISTRY_IDS);
      ids = [...given];
    }
    const nowMs = ctx.clock.now();
    if (ctx.faults.isThrottled(nowMs)) throw new EcrError('ThrottlingException', 'Rate exceeded');
    return {
      authorizationData: ids.map((account) => {
        const token = ctx.tokens.issue(identity.accessKeyId, ctx.config.region, account, nowMs);
        return { authorizationToken: token.authorizationToken, expiresAt: token.expiresAt / 1000, proxyEndpoint: `http://${ctx.registryHost}` };
      }),
    };
  },
};
