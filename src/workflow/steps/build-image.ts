// build-image: the demo image from assets/demo-image (FROM scratch, so it builds offline).
import { shellQuote } from '../../core/commands.js';
import type { StepImpl } from './scope.js';
import { text } from './scope.js';

export const buildImage: StepImpl = async (s, p) => {
  const ref = `${text(p, 'image')}:${text(p, 'tag')}`;
  await s.engine.build(s.assetsDir, ref, s.io);
  const image = await s.engine.inspect(ref);
  return {
    summary: `Built ${ref}: ${image?.layers.length ?? 0} layers, ${image?.size ?? 0} bytes, image id ${image?.id.slice(0, 19)}…`,
    commands: [['docker', 'build', '-t', ref, s.assetsDir].map(shellQuote).join(' ')],
    verified: [
      { label: 'image id', value: image?.id ?? 'not found' },
      { label: 'layers', value: String(image?.layers.length ?? 0) },
      { label: 'size', value: `${image?.size ?? 0} bytes` },
    ],
  };
};
