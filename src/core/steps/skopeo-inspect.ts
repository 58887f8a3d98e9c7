// skopeo-inspect: the pushed image read by skopeo, straight from the registry, without docker.
import { aws, imageRef, shellQuote } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository, tag } from './params.js';

export const skopeoInspect: StepDefinition = {
  id: 'skopeo-inspect', title: 'Inspect with skopeo',
  summary: 'Read the pushed image with skopeo, straight from the registry and without docker, and check that its digest is the one ECR reports.',
  params: { repository, tag },
  iamActions: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:DescribeImages'],
  changes: false, isInRunAll: false,
  commands: (p, ctx) => {
    const tls = ctx.endpointUrl ? ['--tls-verify=false'] : [];
    return [
      `${aws(ctx, 'ecr', ['get-login-password'])} | ${['skopeo', 'login', '--username', 'AWS', '--password-stdin', ...tls, ctx.registry].map(shellQuote).join(' ')}`,
      ['skopeo', 'inspect', ...tls, `docker://${imageRef(ctx, String(p.repository), String(p.tag))}`].map(shellQuote).join(' '),
    ];
  },
};
