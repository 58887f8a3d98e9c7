// The IAM simulator's answers, kept from one run to the next in the XDG cache dir, as V8's compiled
// code is. An answer is a function of its question (answerKey in evaluate.ts: the caller, the
// action, the resource, every policy document, and the time when a policy reads it) and of the
// simulator with its action data, so the file carries a stamp of this build and the versions of
// the @cloud-copilot packages, and a file with another stamp is not read. Questions are kept as
// SHA-256s: the file holds no policy text. Every request is still authorised by the simulator's
// answer to that exact question, asked once. What it saves: with every question of a run already
// answered, the simulator's thread never starts, and its ~75 files no longer compile on the
// second core while the first runs the steps (~50 ms of `run all` on Node 24, 8 alternating runs).
// A cache: a file that cannot be read or written is ignored, and deleting it is always safe.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeDir } from '../../state/make-dir.js';
import { writeCacheFileSync } from '../../state/write-file-sync.js';
import { simulatorPath } from './cloud-copilot.js';

/** How a request was refused (evaluate.ts's Refusal); null when it was allowed. */
export type KeptAnswer = 'no-identity-allow' | 'no-resource-allow' | 'identity-deny' | 'resource-deny' | null;

declare const __ECR_LAB_BUILD__: string | undefined;
const BUILD = typeof __ECR_LAB_BUILD__ === 'string' ? __ECR_LAB_BUILD__ : 'source';

/** Answers kept at most; the oldest go first. */
const LIMIT = 1000;

interface CacheFile {
  readonly version: 1;
  readonly stamp: string;
  readonly answers: Readonly<Record<string, KeptAnswer>>;
}

const ANSWERS = new Set<unknown>(['no-identity-allow', 'no-resource-allow', 'identity-deny', 'resource-deny', null]);

let stamp: string | undefined;

/** This build and the @cloud-copilot packages it runs, by version: what an answer depends on besides its question. */
export function simulatorStamp(): string {
  stamp ??= readStamp();
  return stamp;
}

function readStamp(): string {
  const versions: string[] = [];
  try {
    // node_modules/@cloud-copilot/iam-simulate/dist/cjs/index.js: the scope is the directory above the package's.
    let dir = dirname(simulatorPath());
    while (basename(dirname(dir)) !== '@cloud-copilot' && dirname(dir) !== dir) dir = dirname(dir);
    const scope = dirname(dir);
    for (const name of readdirSync(scope).sort()) {
      const { version } = JSON.parse(readFileSync(join(scope, name, 'package.json'), 'utf8')) as { version?: string };
      versions.push(`${name}@${String(version)}`);
    }
  } catch {
    versions.push('unknown');
  }
  return [BUILD, ...versions].join(' ');
}

export class AnswerCache {
  private constructor(
    readonly file: string, private readonly stamp: string, private readonly answers: Map<string, KeptAnswer>,
  ) {}

  /** The answers kept in `file` for `stamp`; none when there is no such file, or it is another stamp's or unreadable. */
  static async open(file: string, stamp = simulatorStamp()): Promise<AnswerCache> {
    const answers = new Map<string, KeptAnswer>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (data.version === 1 && data.stamp === stamp && data.answers && typeof data.answers === 'object') {
        for (const [key, answer] of Object.entries(data.answers)) if (ANSWERS.has(answer)) answers.set(key, answer);
      }
    } catch {
      // None kept yet, or not a file of ours: start empty.
    }
    await makeDir(dirname(file)).catch(() => undefined);
    return new AnswerCache(file, stamp, answers);
  }

  /** How many answers are kept. */
  get size(): number {
    return this.answers.size;
  }

  /** The answer kept for `question` (undefined when none is). */
  get(question: string): KeptAnswer | undefined {
    return this.answers.get(hash(question));
  }

  /**
   * Keeps `answer` for `question` and writes the file at once (a temp file renamed over it): a run
   * may end any moment after its last request, and a file this small costs ~0.1 ms to write.
   */
  set(question: string, answer: KeptAnswer): void {
    const key = hash(question);
    if (this.answers.get(key) === answer) return;
    this.answers.delete(key);
    this.answers.set(key, answer);
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= LIMIT) break;
      this.answers.delete(oldest);
    }
    const data: CacheFile = { version: 1, stamp: this.stamp, answers: Object.fromEntries(this.answers) };
    writeCacheFileSync(this.file, JSON.stringify(data));
  }
}

function hash(question: string): string {
  return createHash('sha256').update(question).digest('base64url');
}
