// GetAuthorizationToken: a 12-hour registry token per registry id, for the emulator's registry.
import type { Operation } from '../call.js';
import { EcrError, invalidParameter } from '../errors.js';
import { checkLength } from '../validate.js';

const REGISTRY_IDS = "Member must satisfy constraint: [Member must satisfy regular expression pattern: [0-9]{12}]";

export const GetAuthorizationToken: Operation = {
  resource: () => '*',
  async run(call) {
    const { ctx, identity } = call;
    const given = call.input.registryIds;
    let ids: string[] = [ctx.config.account];
    if (given !== undefined && given !== null) {
      if (!Array.isArray(given)) throw invalidParameter('registryIds', REGISTRY_IDS);
      checkLength('registryIds', given, 1, 10);
      if (given.some((id) => typeof id !== 'string' || !/^[0-9]{12}$/.test(id))) throw invalidParameter('registryIds', REGISTRY_IDS);
      ids = given as string[];
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
