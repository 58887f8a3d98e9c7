// The exact `aws` and `docker` commands each step stands for, with the learner's real values.
// Shown on every step card so that what the app does can be done again by hand. Each step's
// definition (src/core/steps/<id>.ts) builds its own; this is the one way in.
import { resolveParams, stepDefinition } from './steps.js';
import type { ParamValue, TargetContext } from './step-types.js';

export { imageRef, shellQuote } from './shell-words.js';
export { lifecyclePolicyText } from './steps/put-lifecycle-policy.js';
export { signCommands } from './steps/sign-image.js';

/** The commands that do by hand what step `id` does, one shell line each. */
export function equivalentCommands(
  id: string, given: Readonly<Record<string, ParamValue>>, ctx: TargetContext,
): string[] {
  const def = stepDefinition(id);
  if (!def) throw new Error(`no command for step '${id}'`);
  return def.commands(resolveParams(id, given, ctx), ctx);
}
