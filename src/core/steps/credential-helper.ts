// credential-helper: docker fetches ECR tokens itself, through credHelpers in config.json.
import type { StepDefinition } from '../step-types.js';
import { loginCommand } from './login.js';

export const credentialHelper: StepDefinition = {
  id: 'credential-helper', title: 'Credential helper', summary: 'Let docker fetch ECR tokens itself through credHelpers.',
  params: {}, iamActions: ['ecr:GetAuthorizationToken'], changes: false,
  commands: (_p, ctx) => [loginCommand(ctx)],
};
