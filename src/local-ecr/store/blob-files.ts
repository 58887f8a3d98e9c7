// Blob bytes on disk, content-addressed (blobs/sha256/ab/<hex>), and uploads in progress:
// streamed to a temp file, hashed as they arrive, renamed into place only once verified.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadOffsetError, UploadUnknownError } from './errors.js';
import type { UploadState } from './types.js';

interface Upload {
  readonly id: string;
  readonly repository: string;
  readonly file: string;
  size: number;
  /** sha256 of the bytes received so far. */
  hash: Hash;
  isBusy: boolean;
}

/** A verified, committed blob. */
export interface Committed {
  readonly digest: string;
  readonly size: number;
}

export class BlobFiles {
  private readonly uploads = new Map<string, Upload>();
  private readonly uploadDir: string;

  constructor(private readonly root: string) {
    this.uploadDir = join(root, 'uploads');
  }

  /** Creates the folders and drops uploads left over from a previous run (never committed). */
  async init(): Promise<void> {
    await rm(this.uploadDir, { recursive: true, force: true });
    await mkdir(this.uploadDir, { recursive: true });
    await mkdir(join(this.root, 'blobs', 'sha256'), { recursive: true });
  }

  /** Where the blob with this (validated) digest lives. */
  path(digest: string): string {
    const hex = digest.slice('sha256:'.length);
    return join(this.root, 'blobs', 'sha256', hex.slice(0, 2), hex);
  }

  open(digest: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.path(digest), { highWaterMark: 1 << 20, ...range });
  }

  /** Stores small content already in memory (a manifest) under its digest. */
  async writeSmall(digest: string, bytes: Buffer): Promise<void> {
    const temp = join(this.uploadDir, `${randomUUID()}.manifest`);
    await writeFile(temp, bytes);
    await this.commit(temp, digest);
  }

  private async commit(temp: string, digest: string): Promise<void> {
    const target = this.path(digest);
    await mkdir(join(target, '..'), { recursive: true });
    // Flushed before the rename so that a crash never leaves a committed name on partial bytes.
    const handle = await open(temp, 'r+');
    try { await handle.datasync(); } finally { await handle.close(); }
    await rename(temp, target);
  }

  async start(repository: string): Promise<UploadState> {
    const id = randomUUID();
    const file = join(this.uploadDir, id);
    await writeFile(file, '');
    this.uploads.set(id, { id, repository, file, size: 0, hash: createHash('sha256'), isBusy: false });
    return { id, repository, size: 0 };
  }

  get(id: string): UploadState | undefined {
    const up = this.uploads.get(id);
    return up && { id: up.id, repository: up.repository, size: up.size };
  }

  /**
   * Appends a stream at `offset` (default: the end). On failure the file is cut back and the
   * hash left as it was, so the upload can be resumed from its last good size.
   */
  async append(id: string, data: Readable, offset?: number): Promise<UploadState> {
    const up = this.uploads.get(id);
    if (!up) throw new UploadUnknownError(id);
    if (up.isBusy || (offset !== undefined && offset !== up.size)) throw new UploadOffsetError(up.size, offset ?? up.size);
    up.isBusy = true;
    const hash = up.hash.copy();
    let received = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        received += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(data, tap, createWriteStream(up.file, { flags: 'a', highWaterMark: 1 << 20 }));
      up.hash = hash;
      up.size += received;
    } catch (err) {
      await truncate(up.file, up.size).catch(() => undefined);
      throw err;
    } finally {
      up.isBusy = false;
    }
    return { id, repository: up.repository, size: up.size };
  }

  /** Commits the upload if its bytes hash to `digest`; a mismatch keeps the upload open. */
  async complete(id: string, digest: string): Promise<Committed | 'DIGEST_INVALID' | 'BLOB_UPLOAD_UNKNOWN'> {
    const up = this.uploads.get(id);
    if (!up || up.isBusy) return 'BLOB_UPLOAD_UNKNOWN';
    if (`sha256:${up.hash.copy().digest('hex')}` !== digest) return 'DIGEST_INVALID';
    up.isBusy = true;
    try {
      await this.commit(up.file, digest);
    } finally {
      up.isBusy = false;
    }
    this.uploads.delete(id);
    return { digest, size: up.size };
  }

  async cancel(id: string): Promise<void> {
    const up = this.uploads.get(id);
    if (!up) return;
    this.uploads.delete(id);
    await rm(up.file, { force: true });
  }
}
