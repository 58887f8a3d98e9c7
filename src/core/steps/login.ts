// login: a registry token from ECR, handed to docker login on stdin.
import { aws, docker } from '../shell-words.js';
import type { StepDefinition, TargetContext } from '../step-types.js';

/** `aws ecr get-login-password | docker login ... --password-stdin`: the password never in argv. */
export function loginCommand(ctx: TargetContext): string {
  return `${aws(ctx, 'ecr', ['get-login-password'])} | ${docker(['login', '--username', 'AWS', '--password-stdin', ctx.registry])}`;
}

export const login: StepDefinition = {
  id: 'login', title: 'Log Docker in', summary: 'Get a 12-hour registry token and hand it to docker login on stdin.',
  params: {}, iamActions: ['ecr:GetAuthorizationToken'], changes: false,
  commands: (_p, ctx) => [loginCommand(ctx)],
};
