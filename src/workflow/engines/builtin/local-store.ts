// The built-in engine's local image store (its `docker images`): blobs by digest under
// <dir>/blobs, and <dir>/images.json mapping references to image ids, written atomically and
// only after every blob is in place, so an interrupted pull leaves nothing half-referenced.
// Like the local ECR's store it is a sandbox (docker's own stand-in): a rename survives a kill
// of the process, and nothing is fsynced (only a crash of the machine could lose a last write).
import { readFile, rename, writeFile } from 'node:fs/promises';
import { makeDir } from '../../../state/make-dir.js';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { loadJson, saveJson } from '../../../state/json-file.js';
import { digestOf } from './image-builder.js';

/** What the store knows of one image, keyed by its id (the config digest). */
export interface StoredImage {
  readonly manifest: string;
  readonly size: number;
  readonly repoDigests: readonly string[];
}

export interface StoreIndex {
  readonly version: 1;
  /** Reference key (`name:tag` or `name@digest`) -> image id. */
  readonly refs: Readonly<Record<string, string>>;
  readonly images: Readonly<Record<string, StoredImage>>;
}

const EMPTY: StoreIndex = { version: 1, refs: {}, images: {} };

function problem(data: unknown): string | undefined {
  const d = data as Partial<StoreIndex> | null;
  return d && d.version === 1 && typeof d.refs === 'object' && typeof d.images === 'object' ? undefined : 'not an image index';
}

/** Blobs and references on disk. */
export class LocalImageStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  private blobPath(digest: string): string {
    return join(this.dir, 'blobs', digest.replace(':', '-'));
  }

  /** Stores bytes under their digest (checked against `expected` when given); returns the digest. */
  async putBlob(bytes: Buffer, expected?: string): Promise<string> {
    const digest = digestOf(bytes);
    if (expected && expected !== digest) throw new Error(`digest mismatch: expected ${expected}, got ${digest}`);
    await makeDir(join(this.dir, 'blobs'));
    const tmp = `${this.blobPath(digest)}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, this.blobPath(digest));
    return digest;
  }

  async getBlob(digest: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.blobPath(digest));
    } catch {
      return undefined;
    }
  }

  async index(): Promise<StoreIndex> {
    return (await loadJson(join(this.dir, 'images.json'), EMPTY, problem)).value;
  }

  /** Changes the index atomically, one change at a time. */
  update(change: (index: StoreIndex) => StoreIndex): Promise<void> {
    const run = this.queue.then(async () => {
      await makeDir(this.dir);
      await saveJson(join(this.dir, 'images.json'), change(await this.index()), 0o600, false);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Points `ref` at `imageId`, adding the image record and a repo digest when given. */
export function withRef(index: StoreIndex, ref: string, imageId: string, image: StoredImage, repoDigest?: string): StoreIndex {
  const previous = index.images[imageId];
  const digests = new Set([...(previous?.repoDigests ?? []), ...image.repoDigests, ...(repoDigest ? [repoDigest] : [])]);
  return {
    ...index,
    refs: { ...index.refs, [ref]: imageId },
    images: { ...index.images, [imageId]: { ...image, repoDigests: [...digests] } },
  };
}
