// sign-image: a cosign-format signature of the pushed digest, pushed as a referrer and verified.
import { shellQuote } from '../shell-words.js';
import type { StepDefinition, TargetContext } from '../step-types.js';
import { PUSH_ACTIONS, repository, tag } from './params.js';

/**
 * cosign's sign and verify for `ref` (`<uri>@<digest>`) with a key pair, not Sigstore's keyless
 * flow: no Rekor upload, so verify must not ask for a transparency-log entry. A loopback
 * registry speaks plain HTTP, which cosign only accepts when told.
 */
export function signCommands(ctx: TargetContext, ref: string, publicKeyFile: string): string[] {
  const http = ctx.endpointUrl ? ['--allow-http-registry'] : [];
  return [
    ['cosign', 'sign', '--key', 'cosign.key', '--tlog-upload=false', ...http, ref].map(shellQuote).join(' '),
    ['cosign', 'verify', '--key', publicKeyFile, '--insecure-ignore-tlog=true', ...http, ref].map(shellQuote).join(' '),
  ];
}

export const signImage: StepDefinition = {
  id: 'sign-image', title: 'Sign the image',
  summary: "Sign the pushed digest in cosign's format with ecr-lab's own key (not Sigstore, not AWS Signer or KMS), push the signature as an OCI artifact whose subject is the image, and verify it from the referrers.",
  params: { repository, tag },
  iamActions: ['ecr:GetAuthorizationToken', 'ecr:GetDownloadUrlForLayer', ...PUSH_ACTIONS], changes: true,
  commands: (p, ctx) => signCommands(ctx, `${ctx.registry}/${p.repository}@<digest from push-image>`, 'cosign.pub'),
};
