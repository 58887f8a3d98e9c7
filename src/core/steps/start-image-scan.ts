// start-image-scan: a basic scan of one image, and its findings.
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { repository, tag } from './params.js';

export const startImageScan: StepDefinition = {
  id: 'start-image-scan', title: 'Scan an image', summary: 'Start a basic scan and read its findings.',
  params: { repository, tag }, iamActions: ['ecr:StartImageScan', 'ecr:DescribeImageScanFindings'], changes: true,
  commands: (p, ctx) => {
    const repo = String(p.repository);
    const id = `imageTag=${p.tag}`;
    return [
      aws(ctx, 'ecr', ['start-image-scan', '--repository-name', repo, '--image-id', id]),
      aws(ctx, 'ecr', ['describe-image-scan-findings', '--repository-name', repo, '--image-id', id]),
    ];
  },
};
