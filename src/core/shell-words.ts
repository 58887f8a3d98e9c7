// Shell lines for the equivalent commands: quoting, and the `aws`/`docker` words every step's
// commands share, so that a step's definition only says what is its own.
import type { TargetContext } from './step-types.js';

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `aws <service> <args>` for this target: region, profile and the endpoint when it is not AWS's. */
export function aws(ctx: TargetContext, service: 'ecr' | 'sts', args: readonly string[]): string {
  const words = ['aws', service, ...args, '--region', ctx.region];
  if (ctx.profile) words.push('--profile', ctx.profile);
  const endpoint = ctx.serviceEndpoints?.[service] ?? ctx.endpointUrl;
  if (endpoint) words.push('--endpoint-url', endpoint);
  return words.map(shellQuote).join(' ');
}

/** `docker <args>`, quoted. */
export function docker(args: readonly string[]): string {
  return ['docker', ...args].map(shellQuote).join(' ');
}

/** The image reference docker uses for a repository and tag on this target. */
export function imageRef(ctx: TargetContext, repository: string, tag: string): string {
  return `${ctx.registry}/${repository}:${tag}`;
}
