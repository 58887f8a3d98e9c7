// The store's metadata in memory: repositories, their images and tags, and which blobs each
// repository may serve. Every change is synchronous here; the store changes a clone and makes it
// the committed catalog once it is on disk (persister.ts).
import type { ImageRecord, RepositoryRecord } from './types.js';

/** One repository's state. */
export interface RepoState {
  record: RepositoryRecord;
  readonly images: Map<string, ImageRecord>;
  /** Blobs and child manifests each image references (for mounts). */
  readonly refs: Map<string, readonly string[]>;
  readonly tags: Map<string, string>;
  /** Blob digest -> size, for blobs uploaded to or mounted into this repository. */
  readonly blobs: Map<string, number>;
}

/** The JSON kept on disk. */
export interface CatalogFile {
  readonly version: 1;
  readonly repositories: readonly {
    readonly record: RepositoryRecord;
    readonly images: readonly (ImageRecord & { readonly refs: readonly string[] })[];
    readonly blobs: Readonly<Record<string, number>>;
  }[];
}

function isImageEntry(entry: unknown): boolean {
  const image = entry as Partial<CatalogFile['repositories'][number]['images'][number]> | null;
  return typeof image === 'object' && image !== null && typeof image.digest === 'string'
    && Array.isArray(image.tags) && image.tags.every((t) => typeof t === 'string')
    && (image.refs === undefined || Array.isArray(image.refs));
}

/** Why a loaded file cannot be used, or undefined when it looks right (Catalog.from cannot throw on it). */
export function catalogProblem(data: unknown): string | undefined {
  const file = data as Partial<CatalogFile> | null;
  if (typeof file !== 'object' || file === null || file.version !== 1) return 'not a version 1 catalog';
  if (!Array.isArray(file.repositories)) return 'repositories is not a list';
  const bad = file.repositories.findIndex((r) => typeof r?.record?.name !== 'string' || !Array.isArray(r.images)
    || !r.images.every(isImageEntry) || (r.blobs !== undefined && (typeof r.blobs !== 'object' || r.blobs === null)));
  return bad >= 0 ? `repository entry ${bad} is malformed` : undefined;
}

function cloneRepo(s: RepoState): RepoState {
  return { record: s.record, images: new Map(s.images), refs: new Map(s.refs), tags: new Map(s.tags), blobs: new Map(s.blobs) };
}

export class Catalog {
  readonly repos = new Map<string, RepoState>();
  private dirty = false;

  /** True once this copy was changed (a batch with no change writes nothing). */
  get isDirty(): boolean {
    return this.dirty;
  }

  /** A copy to change: maps are copied, records (never mutated in place) are shared. */
  clone(): Catalog {
    const copy = new Catalog();
    for (const [name, state] of this.repos) copy.repos.set(name, cloneRepo(state));
    return copy;
  }

  static from(file: CatalogFile): Catalog {
    const catalog = new Catalog();
    for (const entry of file.repositories) {
      const state = catalog.create(entry.record);
      for (const { refs, ...image } of entry.images) catalog.setImage(state, image, refs ?? []);
      for (const [digest, size] of Object.entries(entry.blobs ?? {})) state.blobs.set(digest, size);
    }
    return catalog;
  }

  toFile(): CatalogFile {
    return {
      version: 1,
      repositories: [...this.repos.values()].map((s) => ({
        record: s.record,
        images: [...s.images.values()].map((i) => ({ ...i, refs: s.refs.get(i.digest) ?? [] })),
        blobs: Object.fromEntries(s.blobs),
      })),
    };
  }

  create(record: RepositoryRecord): RepoState {
    this.dirty = true;
    const existing = this.repos.get(record.name);
    if (existing) {
      existing.record = record;
      return existing;
    }
    const state: RepoState = { record, images: new Map(), refs: new Map(), tags: new Map(), blobs: new Map() };
    this.repos.set(record.name, state);
    return state;
  }

  /** Replaces an image record, keeping the tag index in step with its tags. */
  setImage(state: RepoState, image: ImageRecord, refs?: readonly string[]): void {
    this.dirty = true;
    const old = state.images.get(image.digest);
    for (const tag of old?.tags ?? []) if (state.tags.get(tag) === image.digest) state.tags.delete(tag);
    state.images.set(image.digest, image);
    if (refs) state.refs.set(image.digest, refs);
    for (const tag of image.tags) state.tags.set(tag, image.digest);
  }

  dropImage(state: RepoState, digest: string): void {
    const image = state.images.get(digest);
    if (!image) return;
    this.dirty = true;
    for (const tag of image.tags) if (state.tags.get(tag) === digest) state.tags.delete(tag);
    state.images.delete(digest);
    state.refs.delete(digest);
  }

  deleteRepository(name: string): void {
    if (this.repos.delete(name)) this.dirty = true;
  }

  /** Lets the repository serve this blob (uploaded to it, or mounted from another). */
  linkBlob(state: RepoState, digest: string, size: number): void {
    if (state.blobs.get(digest) === size) return;
    state.blobs.set(digest, size);
    this.dirty = true;
  }

  /** Points `tag` at `digest`, taking it off whichever image had it. */
  moveTag(state: RepoState, tag: string, digest: string): void {
    const from = state.tags.get(tag);
    if (from === digest) return;
    const old = from === undefined ? undefined : state.images.get(from);
    if (old) this.setImage(state, { ...old, tags: old.tags.filter((t) => t !== tag) });
    const image = state.images.get(digest);
    if (image) this.setImage(state, { ...image, tags: [...image.tags, tag] });
  }

  /** True when some image of the repository references the blob. */
  isReferenced(state: RepoState, digest: string): boolean {
    for (const refs of state.refs.values()) if (refs.includes(digest)) return true;
    return false;
  }
}
