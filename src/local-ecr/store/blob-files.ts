// Blob bytes on disk, content-addressed (blobs/sha256/ab/<hex>), and uploads in progress:
// streamed to a temp file, hashed as they arrive, renamed into place only once verified.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, truncate, writeFile, type FileHandle } from 'node:fs/promises';
import { makeDir } from '../../state/make-dir.js';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
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

/**
 * Buffer sizes shared out among the transfers running at once. Up to three get 1 MiB reads and
 * write batches (each read or write is a thread-pool round trip, and 128 KiB ones made a single
 * pull 15% slower); from eight on each gets 256 KiB, so that thirty hold about 8 MiB of
 * read-ahead and batches instead of 30 MiB (1 MiB each for 30 pulls: ~240 MiB peak RSS).
 */
const TRANSFER_BUDGET = 4 << 20;
const MIN_BUFFER = 256 * 1024;
const MAX_BUFFER = 1 << 20;
let transfers = 0;

/** The buffer size for a transfer starting now (a power of two between the bounds). */
function bufferSize(): number {
  let size = MAX_BUFFER;
  while (size > MIN_BUFFER && size * (transfers + 1) > TRANSFER_BUDGET) size /= 2;
  return size;
}

/** Counts a transfer as running until `done` settles. */
function counted<T>(done: Promise<T>): Promise<T> {
  transfers++;
  return done.finally(() => { transfers--; });
}

/** Writes all of `parts` at the end of the file in one writev (which may take fewer bytes). */
async function writeAll(handle: FileHandle, parts: Buffer[]): Promise<void> {
  const rest = parts;
  while (rest.length > 0) {
    let written = (await handle.writev(rest)).bytesWritten;
    while (rest.length > 0 && written >= (rest[0] as Buffer).length) written -= (rest.shift() as Buffer).length;
    if (written > 0) rest[0] = (rest[0] as Buffer).subarray(written);
  }
}

/**
 * Appends a stream to `file`, hashing it on the way, in batches of bufferSize() with one write
 * in flight while the next batch arrives. The chunks go to writev as they came: joining them
 * would copy every byte once more and allocate a batch-sized buffer each time, which the GC
 * then has to reclaim. Memory stays at two batches whatever the size. A write
 * that fails (a full disk) is caught at once (a rejection nobody handles yet would end the whole
 * process) and thrown once the stream has ended.
 */
async function writeBatched(data: Readable, file: string, hash: Hash): Promise<number> {
  const batchSize = bufferSize();
  const handle = await open(file, 'a');
  let parts: Buffer[] = [];
  let gathered = 0;
  let total = 0;
  let failure: { readonly err: unknown } | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = parts;
    parts = [];
    gathered = 0;
    await inFlight;
    if (failure) return;
    inFlight = writeAll(handle, batch).catch((err: unknown) => { failure = { err }; });
  };
  try {
    for await (const chunk of data as AsyncIterable<Buffer>) {
      // After a failed write the rest is read and dropped: leaving the loop would destroy the
      // request, and the client would see a reset connection instead of the registry's error.
      if (failure) continue;
      hash.update(chunk);
      parts.push(chunk);
      gathered += chunk.length;
      total += chunk.length;
      if (gathered >= batchSize) await flush();
    }
    if (gathered > 0) await flush();
    await inFlight;
    if (failure) throw failure.err;
  } finally {
    await inFlight;
    await handle.close();
  }
  return total;
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
    await makeDir(this.uploadDir);
    await makeDir(join(this.root, 'blobs', 'sha256'));
  }

  /** Where the blob with this (validated) digest lives. */
  path(digest: string): string {
    const hex = digest.slice('sha256:'.length);
    return join(this.root, 'blobs', 'sha256', hex.slice(0, 2), hex);
  }

  open(digest: string, range?: { start: number; end: number }): Readable {
    const stream = createReadStream(this.path(digest), { highWaterMark: bufferSize(), ...range });
    void counted(new Promise<void>((resolve) => stream.once('close', () => resolve())));
    return stream;
  }

  /** Stores small content already in memory (a manifest) under its digest. */
  async writeSmall(digest: string, bytes: Buffer): Promise<void> {
    const temp = join(this.uploadDir, `${randomUUID()}.manifest`);
    try {
      await writeFile(temp, bytes);
      await this.commit(temp, digest);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  private async commit(temp: string, digest: string): Promise<void> {
    const target = this.path(digest);
    const dir = dirname(target);
    await makeDir(dir);
    // Every byte was written (and hashed to `digest`) before this rename, so a killed process,
    // kill -9 included, never leaves a committed name on partial bytes: the page cache is the
    // kernel's. Not flushed: the local ECR is a sandbox, and only a crash of the machine could
    // lose the last blobs (persister.ts says why that is the trade).
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
    try {
      const received = await counted(writeBatched(data, up.file, hash));
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
