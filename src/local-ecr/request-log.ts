// The local ECR's request log: one entry per request, secrets never included. Kept in a
// bounded ring so that the TUI's "wire" view can show the conversation of the last step.

export interface RequestLogEntry {
  readonly seq: number;
  readonly time: number;
  readonly method: string;
  /** Path without query secrets; for the JSON API, `POST / <Operation>`. */
  readonly path: string;
  readonly status: number;
  /** ECR/registry error code, e.g. RepositoryNotFoundException or NAME_UNKNOWN. */
  readonly errorCode?: string;
  /** `ecr:<Operation>`, `sts:GetCallerIdentity` or `registry`. */
  readonly api: string;
  /** Who called, when known: an IAM ARN. */
  readonly caller?: string;
  /** The Authorization scheme used (`Basic`, `AWS4-HMAC-SHA256`), never its value. */
  readonly auth?: string;
}

export type RequestLogListener = (entry: RequestLogEntry) => void;

export class RequestLog {
  private readonly entries: RequestLogEntry[] = [];
  private readonly listeners = new Set<RequestLogListener>();
  private seq = 0;

  constructor(private readonly capacity = 2000) {}

  add(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { ...entry, seq: ++this.seq };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.shift();
    for (const listener of this.listeners) listener(full);
    return full;
  }

  /** Entries with a sequence number above `afterSeq`. */
  since(afterSeq = 0): RequestLogEntry[] {
    return this.entries.filter((e) => e.seq > afterSeq);
  }

  /** The sequence number of the newest entry (0 when empty). */
  last(): number {
    return this.seq;
  }

  subscribe(listener: RequestLogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
