// The "wire" view as styled lines: one request of the local ECR per line, as
// `GET /v2/ -> 401 (challenge)`, with digests and upload ids shortened to fit.
import { wrapLine } from '../markdown/wrap.js';
import { type StyledLine, type Tone, line } from '../markdown/styled.js';
import type { WireEntry } from '../workflow/types.js';
import { NO_TARGET, shortDigests } from './panel-lines.js';

export const WIRE_LIVE_ONLY = 'The wire view is only on the local ECR: on live AWS the requests go to AWS, where ecr-lab cannot see them.';
export const WIRE_NO_RUN = 'No step has run yet: run one (Tab to a step card, Enter), then press w.';
export const WIRE_NO_REQUESTS = 'The last step sent no requests to the local ECR.';

const UPLOAD_ID = /(\/blobs\/uploads\/)([0-9a-f-]{8})[0-9a-f-]{20,}/;

/** A logged path with its digests cut to 12 hex digits and upload ids to 8 characters. */
export function shortPath(path: string): string {
  // `?digest=sha256%3A…` is how clients encode it; the colon reads better.
  return shortDigests(path.replace(/sha256%3A/gi, 'sha256:')).replace(UPLOAD_ID, '$1$2…');
}

/**
 * One request as a line: method, path, status; an error code, or `(challenge)` for a 401
 * sent without credentials; the Authorization scheme where authentication is the point.
 */
export function wireLine(e: WireEntry): string {
  let suffix = '';
  if (e.status === 401 && !e.auth) suffix = ' (challenge)';
  else if (e.errorCode) suffix = ` ${e.errorCode}`;
  if (e.auth && e.api === 'registry' && (e.path === '/v2/' || e.status === 401 || e.status === 403)) suffix += ` ${e.auth}`;
  return `${e.method} ${shortPath(e.path)} -> ${e.status}${suffix}`;
}

function tone(e: WireEntry): Tone {
  if (e.status === 401 && !e.auth) return 'accent';
  return e.status < 400 ? 'good' : 'bad';
}

/** What the wire view shows, from what the Inspector and the last run left. */
export interface WireView {
  readonly hasInspector: boolean;
  /** The target has a request log (the local ECR). */
  readonly hasWire: boolean;
  /** The requests of the last step run; undefined before any run. */
  readonly entries?: readonly WireEntry[];
  readonly stepId?: string;
  readonly isRunning: boolean;
}

/** The wire view's lines: a heading, then one line per request. */
export function wireLines(view: WireView, width: number): StyledLine[] {
  const say = (text: string): StyledLine[] => wrapLine(text, width).map((t) => line(t, 'dim'));
  if (!view.hasInspector) return say(NO_TARGET);
  if (!view.hasWire) return say(WIRE_LIVE_ONLY);
  if (!view.entries) return say(WIRE_NO_RUN);
  const count = view.entries.length;
  const state = view.isRunning ? 'running' : `${count} request${count === 1 ? '' : 's'}`;
  const head = line(`Step ${view.stepId ?? ''} (${state})`, 'title');
  if (view.entries.length === 0) return [head, ...say(view.isRunning ? 'No requests yet.' : WIRE_NO_REQUESTS)];
  return [head, ...view.entries.map((e) => line(wireLine(e), tone(e)))];
}
