// create-repository: a private repository with the learner's mutability, scanning and encryption.
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';
import { mutability, repository } from './params.js';

export const createRepository: StepDefinition = {
  id: 'create-repository', title: 'Create a repository', summary: 'Create a private repository in ECR.',
  params: {
    repository, mutability,
    scanOnPush: { type: 'boolean', default: false, description: 'scan each image when it is pushed' },
    encryption: { type: 'enum', values: ['AES256', 'KMS'], default: 'AES256', description: 'encryption at rest' },
  },
  iamActions: ['ecr:CreateRepository', 'ecr:TagResource', 'ecr:DescribeRepositories'], changes: true,
  commands: (p, ctx) => [aws(ctx, 'ecr', ['create-repository', '--repository-name', String(p.repository),
    '--image-tag-mutability', String(p.mutability),
    '--image-scanning-configuration', `scanOnPush=${p.scanOnPush}`,
    '--encryption-configuration', `encryptionType=${p.encryption}`,
    '--tags', 'Key=created-by,Value=ecr-lab'])],
};
