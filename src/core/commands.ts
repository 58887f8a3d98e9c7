// The exact `aws` and `docker` commands each step stands for, with the learner's real values.
// Shown on every step card so that what the app does can be done again by hand.
import { type ParamValue, type TargetContext, resolveParams } from './steps.js';

/** Quotes a word for a POSIX shell only when it needs it. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

function aws(ctx: TargetContext, service: 'ecr' | 'sts', args: readonly string[]): string {
  const words = ['aws', service, ...args, '--region', ctx.region];
  if (ctx.profile) words.push('--profile', ctx.profile);
  if (ctx.endpointUrl) words.push('--endpoint-url', ctx.endpointUrl);
  return words.map(shellQuote).join(' ');
}

function docker(args: readonly string[]): string {
  return ['docker', ...args].map(shellQuote).join(' ');
}

/** The image reference docker uses for a repository and tag on this target. */
export function imageRef(ctx: TargetContext, repository: string, tag: string): string {
  return `${ctx.registry}/${repository}:${tag}`;
}

/**
 * The lifecycle policy the course applies: expire untagged images after `untaggedDays` days,
 * and keep only the newest `keep` images of any tag status (that rule must come last).
 */
export function lifecyclePolicyText(keep: number, untaggedDays: number): string {
  return JSON.stringify({
    rules: [
      { rulePriority: 1, description: `Expire untagged images older than ${untaggedDays} days`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
        action: { type: 'expire' } },
      { rulePriority: 2, description: `Keep only the newest ${keep} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: keep },
        action: { type: 'expire' } },
    ],
  });
}

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

/** The commands that do by hand what step `id` does, one shell line each. */
export function equivalentCommands(
  id: string, given: Readonly<Record<string, ParamValue>>, ctx: TargetContext,
): string[] {
  const p = resolveParams(id, given);
  const repo = String(p.repository ?? '');
  const tag = String(p.tag ?? '');
  switch (id) {
    case 'whoami':
      return [aws(ctx, 'sts', ['get-caller-identity'])];
    case 'create-repository':
      return [aws(ctx, 'ecr', ['create-repository', '--repository-name', repo,
        '--image-tag-mutability', String(p.mutability),
        '--image-scanning-configuration', `scanOnPush=${p.scanOnPush}`,
        '--encryption-configuration', `encryptionType=${p.encryption}`,
        '--tags', 'Key=created-by,Value=ecr-lab'])];
    case 'describe-repositories':
      return [aws(ctx, 'ecr', repo ? ['describe-repositories', '--repository-names', repo] : ['describe-repositories'])];
    case 'login':
    case 'credential-helper':
      return [`${aws(ctx, 'ecr', ['get-login-password'])} | ${docker(['login', '--username', 'AWS', '--password-stdin', ctx.registry])}`];
    case 'build-image':
      return [docker(['build', '-t', `${p.image}:${tag}`, '.'])];
    case 'tag-image':
      return [docker(['tag', `${p.image}:${p.sourceTag}`, imageRef(ctx, repo, tag)])];
    case 'push-image':
      return [docker(['push', imageRef(ctx, repo, tag)])];
    case 'describe-images':
      return [aws(ctx, 'ecr', ['describe-images', '--repository-name', repo])];
    case 'pull-image':
      return p.by === 'digest'
        ? [docker(['pull', `${ctx.registry}/${repo}@<digest from describe-images>`])]
        : [docker(['pull', imageRef(ctx, repo, tag)])];
    case 'put-lifecycle-policy':
      return [
        aws(ctx, 'ecr', ['put-lifecycle-policy', '--repository-name', repo, '--lifecycle-policy-text',
          lifecyclePolicyText(Number(p.keep), Number(p.untaggedDays))]),
        aws(ctx, 'ecr', ['start-lifecycle-policy-preview', '--repository-name', repo]),
        aws(ctx, 'ecr', ['get-lifecycle-policy-preview', '--repository-name', repo]),
      ];
    case 'start-image-scan':
      return [
        aws(ctx, 'ecr', ['start-image-scan', '--repository-name', repo, '--image-id', `imageTag=${tag}`]),
        aws(ctx, 'ecr', ['describe-image-scan-findings', '--repository-name', repo, '--image-id', `imageTag=${tag}`]),
      ];
    case 'sign-image':
      return signCommands(ctx, `${ctx.registry}/${repo}@<digest from push-image>`, 'cosign.pub');
    case 'set-tag-immutability':
      return [aws(ctx, 'ecr', ['put-image-tag-mutability', '--repository-name', repo,
        '--image-tag-mutability', String(p.mutability)])];
    case 'pull-through-cache': {
      const cached = `${p.prefix}/${p.upstreamRepository}`;
      return [
        aws(ctx, 'ecr', ['create-pull-through-cache-rule', '--ecr-repository-prefix', String(p.prefix), '--upstream-registry-url', 'public.ecr.aws']),
        docker(['pull', imageRef(ctx, cached, String(p.upstreamTag))]),
        aws(ctx, 'ecr', ['describe-repositories', '--repository-names', cached]),
        aws(ctx, 'ecr', ['describe-pull-through-cache-rules', '--ecr-repository-prefixes', String(p.prefix)]),
      ];
    }
    case 'image-index':
      return [
        docker(['buildx', 'imagetools', 'create', '-t', imageRef(ctx, repo, String(p.indexTag)), `${ctx.registry}/${repo}@<digest of ${tag}>`]),
        aws(ctx, 'ecr', ['batch-get-image', '--repository-name', repo, '--image-ids', `imageTag=${p.indexTag}`,
          '--query', 'images[0].imageManifest', '--output', 'text']),
        aws(ctx, 'ecr', ['describe-images', '--repository-name', repo, '--image-ids', `imageTag=${p.indexTag}`]),
      ];
    case 'skopeo-inspect': {
      const tls = ctx.endpointUrl ? ['--tls-verify=false'] : [];
      return [
        `${aws(ctx, 'ecr', ['get-login-password'])} | ${['skopeo', 'login', '--username', 'AWS', '--password-stdin', ...tls, ctx.registry].map(shellQuote).join(' ')}`,
        ['skopeo', 'inspect', ...tls, `docker://${imageRef(ctx, repo, tag)}`].map(shellQuote).join(' '),
      ];
    }
    case 'cleanup':
      return [aws(ctx, 'ecr', ['delete-repository', '--repository-name', repo, '--force'])];
    default:
      throw new Error(`no command for step '${id}'`);
  }
}
