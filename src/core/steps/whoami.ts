// whoami: which IAM identity the credentials belong to (STS GetCallerIdentity).
import { aws } from '../shell-words.js';
import type { StepDefinition } from '../step-types.js';

export const whoami: StepDefinition = {
  id: 'whoami', title: 'Who am I?', summary: 'Ask STS which IAM identity your credentials belong to.',
  params: {}, iamActions: [], changes: false,
  commands: (_p, ctx) => [aws(ctx, 'sts', ['get-caller-identity'])],
};
