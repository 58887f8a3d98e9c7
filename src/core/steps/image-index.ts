// image-index: the pushed image wrapped in an OCI image index, and the index read back.
import { aws, docker, imageRef } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository, tag } from './params.js';

export const imageIndex: StepDefinition = {
  id: 'image-index', title: 'Image index',
  summary: 'Wrap the pushed image in an OCI image index with PutImage, as buildx imagetools create does, and read the index and its platforms back.',
  params: { repository, tag, indexTag: { type: 'string', default: 'v1-index', description: 'tag for the new index' } },
  iamActions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:PutImage', 'ecr:DescribeImages'], changes: true, isInRunAll: false,
  commands: (p, ctx) => {
    const repo = String(p.repository);
    return [
      docker(['buildx', 'imagetools', 'create', '-t', imageRef(ctx, repo, String(p.indexTag)), `${ctx.registry}/${repo}@<digest of ${p.tag}>`]),
      aws(ctx, 'ecr', ['batch-get-image', '--repository-name', repo, '--image-ids', `imageTag=${p.indexTag}`,
        '--query', 'images[0].imageManifest', '--output', 'text']),
      aws(ctx, 'ecr', ['describe-images', '--repository-name', repo, '--image-ids', `imageTag=${p.indexTag}`]),
    ];
  },
};
