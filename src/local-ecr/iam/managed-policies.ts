// The AWS managed policies the local IAM ships, with their documents as AWS publishes them in
// the managed policy reference (ECR's four, and the two broad ones a learner's admin holds).

/** An AWS managed policy: its ARN, name and default version's document. */
export interface ManagedPolicy {
  readonly arn: string;
  readonly name: string;
  readonly description: string;
  readonly document: string;
}

const doc = (statements: readonly object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const READ_ACTIONS = [
  'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer',
  'ecr:GetRepositoryPolicy', 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:DescribeImages',
  'ecr:BatchGetImage', 'ecr:GetLifecyclePolicy', 'ecr:GetLifecyclePolicyPreview',
  'ecr:ListTagsForResource', 'ecr:DescribeImageScanFindings',
];

const POLICIES: readonly Omit<ManagedPolicy, 'arn'>[] = [
  {
    name: 'AmazonEC2ContainerRegistryFullAccess',
    description: 'Provides administrative access to Amazon ECR resources',
    document: doc([
      { Effect: 'Allow', Action: ['ecr:*', 'cloudtrail:LookupEvents'], Resource: '*' },
      { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole'], Resource: '*',
        Condition: { StringEquals: { 'iam:AWSServiceName': ['replication.ecr.amazonaws.com'] } } },
    ]),
  },
  {
    name: 'AmazonEC2ContainerRegistryPowerUser',
    description: 'Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion or policy changes.',
    document: doc([{ Effect: 'Allow', Action: [...READ_ACTIONS, 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'], Resource: '*' }]),
  },
  {
    name: 'AmazonEC2ContainerRegistryReadOnly',
    description: 'Provides read-only access to Amazon EC2 Container Registry repositories.',
    document: doc([{ Effect: 'Allow', Action: READ_ACTIONS, Resource: '*' }]),
  },
  {
    name: 'AmazonEC2ContainerRegistryPullOnly',
    description: 'Provides access to pull images from Amazon EC2 Container Registry repositories.',
    document: doc([{ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchImportUpstreamImage'], Resource: '*' }]),
  },
  {
    name: 'IAMFullAccess',
    description: 'Provides full access to IAM via the AWS Management Console.',
    document: doc([{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization',
      'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren',
      'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots',
      'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], Resource: '*' }]),
  },
  {
    name: 'AdministratorAccess',
    description: 'Provides full access to AWS services and resources.',
    document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  },
];

/** Every managed policy by ARN (`arn:aws:iam::aws:policy/<name>`). */
export const MANAGED_POLICIES: ReadonlyMap<string, ManagedPolicy> = new Map(
  POLICIES.map((p) => [`arn:aws:iam::aws:policy/${p.name}`, { ...p, arn: `arn:aws:iam::aws:policy/${p.name}` }]),
);

export const ECR_FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryFullAccess';
export const IAM_FULL_ACCESS = 'arn:aws:iam::aws:policy/IAMFullAccess';
