// tag-image: a second name for the same local image, one that names the registry and repository.
import { imageRef } from '../../core/commands.js';
import { StepFailure } from '../errors.js';
import type { StepImpl } from './scope.js';
import { ecrForm, text } from './scope.js';

export const tagImage: StepImpl = async (s, p) => {
  const source = `${text(p, 'image')}:${text(p, 'sourceTag')}`;
  const target = imageRef(s.target, text(p, 'repository'), text(p, 'tag'));
  await s.engine.tag(source, target, s.io);
  const [a, b] = [await s.engine.inspect(source), await s.engine.inspect(target)];
  if (!b || a?.id !== b.id) throw new StepFailure('TagMismatch', `${target} does not point at the image of ${source}`);
  s.print(`${source} and ${target} are the same image ${b.id.slice(0, 19)}…`);
  s.print(`ECR form: ${ecrForm(s.target, text(p, 'repository'), `:${text(p, 'tag')}`)}`);
  return {
    summary: `${target} now names the same image: the registry host in the name tells docker where to push it.`,
    // Only this learner's names: on a shared daemon the same bytes may carry other learners' tags.
    verified: [{ label: 'image id', value: b.id }, { label: 'tags', value: b.repoTags.filter((t) => t === source || t.startsWith(`${s.target.registry}/`)).join(', ') }],
  };
};
