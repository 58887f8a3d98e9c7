// GET /v2/<name>/referrers/<digest> (distribution-spec 1.1): an OCI image index of the manifests
// whose `subject` is <digest>, optionally filtered by `artifactType`. Never 404 for a subject
// that does not exist: the list is just empty (a referrer may be pushed before its subject).
import { listReferrers } from '../referrers.js';
import { isDigest } from '../store/index.js';
import { OCI_INDEX } from '../store/manifest.js';
import { DIGEST_INVALID } from './errors.js';
import { send, sendError, type Exchange } from './exchange.js';
import { guard } from './guard.js';

/** GET (BatchGetImage, as ListImageReferrers requires) /v2/<name>/referrers/<digest>. */
export async function serveReferrers(x: Exchange, name: string, digest: string): Promise<void> {
  if (!await guard(x, 'BatchGetImage', name)) return;
  if (!isDigest(digest)) return sendError(x, DIGEST_INVALID);
  const artifactTypes = x.query.getAll('artifactType').filter((t) => t !== '');
  const referrers = await listReferrers(x.ctx.store, name, digest, artifactTypes);
  const index = {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: referrers.map(({ image: _image, ...descriptor }) => descriptor),
  };
  send(x, 200, {
    'content-type': OCI_INDEX,
    ...(artifactTypes.length ? { 'oci-filters-applied': 'artifactType' } : {}),
  }, JSON.stringify(index));
}
