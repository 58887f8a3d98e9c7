// credential-helper: docker fetches ECR tokens itself, through credHelpers in config.json.
import type { StepDefinition } from '../step-types.js';
import { docker } from '../shell-words.js';

export const credentialHelper: StepDefinition = {
  id: 'credential-helper', title: 'Credential helper', summary: 'Let docker fetch ECR tokens itself through credHelpers.',
  params: {}, iamActions: ['ecr:GetAuthorizationToken'], changes: false,
  // No docker command writes credHelpers: the card shows the edit, then the logout it makes unnecessary.
  commands: (_p, ctx) => [
    `# in docker config.json: "credHelpers": {"${ctx.registry}": "${ctx.endpointUrl ? 'ecr-lab' : 'ecr-login'}"}`,
    docker(['logout', ctx.registry]),
  ],
};
