// ARNs of the local ECR's resources.

/** The resource ARN of a repository. */
export function repositoryArn(region: string, account: string, name: string): string {
  return `arn:aws:ecr:${region}:${account}:repository/${name}`;
}
