// describe-images: what the repository holds, drawn as registry -> repository -> tags -> digest.
import type { StepImpl } from './scope.js';
import { iso, text } from './scope.js';

export const describeImages: StepImpl = async (s, p) => {
  const repository = text(p, 'repository');
  const images = (await s.ecr.describeImages({ repositoryName: repository }, s.signal)).imageDetails ?? [];
  s.print(s.target.registry);
  s.print(`└── ${repository}`);
  images.forEach((img, i) => {
    const branch = i === images.length - 1 ? '    └──' : '    ├──';
    const tags = img.imageTags?.length ? img.imageTags.join(', ') : '<untagged>';
    s.print(`${branch} ${tags} -> ${img.imageDigest}  ${img.imageSizeInBytes ?? 0} bytes  pushed ${iso(img.imagePushedAt)}${img.imageScanStatus ? `  scan ${img.imageScanStatus.status}` : ''}`);
  });
  if (images.length === 0) s.print('    (no images)');
  return {
    summary: `${repository} holds ${images.length} image${images.length === 1 ? '' : 's'}.`,
    verified: [{ label: 'images', value: String(images.length) }, ...images.map((img) => ({ label: img.imageTags?.join(',') || 'untagged', value: img.imageDigest ?? '' }))],
  };
};
