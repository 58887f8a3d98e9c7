// skopeo-inspect: the same image seen by another client. skopeo reads the manifest straight
// from the registry with docker's login file (no pull, no daemon), and its digest must be the
// one ECR's DescribeImages reports: one image, whatever client looks at it.
import { StepFailure } from '../errors.js';
import { skopeoInspect, skopeoInspectArgs } from '../skopeo.js';
import type { StepImpl } from './scope.js';
import { text } from './scope.js';

interface Inspected { readonly Digest?: string; readonly Architecture?: string; readonly Os?: string; readonly Layers?: readonly string[] }

export const skopeoInspectStep: StepImpl = async (s, p) => {
  const [repositoryName, tag] = [text(p, 'repository'), text(p, 'tag')];
  const ref = `${s.target.registry}/${repositoryName}:${tag}`;
  const options = { authFile: s.engine.authFile(), isPlainHttp: s.target.endpointUrl !== undefined, signal: s.signal };
  const raw = await skopeoInspect(ref, options, true);
  const mediaType = (JSON.parse(raw) as { mediaType?: string }).mediaType ?? '-';
  s.print(`skopeo inspect --raw: ${mediaType}, ${Buffer.byteLength(raw)} bytes`);
  const info = JSON.parse(await skopeoInspect(ref, options, false)) as Inspected;
  s.print(`skopeo inspect: Digest ${info.Digest}, ${info.Os}/${info.Architecture}, ${info.Layers?.length ?? 0} layer(s)`);
  const described = (await s.ecr.describeImages({ repositoryName, imageIds: [{ imageTag: tag }] }, s.signal)).imageDetails?.[0]?.imageDigest;
  s.print(`DescribeImages: ${described}`);
  if (info.Digest !== described) throw new StepFailure('DigestMismatch', `skopeo sees ${info.Digest} but DescribeImages reports ${described} for ${repositoryName}:${tag}`);
  return {
    summary: `skopeo read ${repositoryName}:${tag} without docker and without pulling it: the same digest ECR reports. Any OCI client works with the ECR token.`,
    verified: [
      { label: 'digest (skopeo)', value: info.Digest ?? '-' },
      { label: 'digest (DescribeImages)', value: described ?? '-' },
      { label: 'manifest media type', value: mediaType },
    ],
    commands: [['skopeo', ...skopeoInspectArgs(ref, options, false)].join(' ')],
  };
};
