// The admin endpoint of a running local ECR, on loopback only: `ecr-lab fault` and `ecr-lab
// clock` switch faults and move the clock through it. Every call must carry the per-run secret
// that serve writes to the state dir with mode 0600, so nothing else on the machine can.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULTS } from '../core/faults.js';
import { MAX_CLOCK_MOVE_MS } from './clock.js';
import type { EcrContext } from './context.js';
import { FaultError, type FaultEngine } from './faults/engine.js';

export const ADMIN_PREFIX = '/ecr-lab/admin/';

export interface AdminDeps {
  readonly ctx: EcrContext;
  readonly engine: FaultEngine;
  /** Undefined: the endpoint is off. */
  readonly secret?: string;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

function authorized(req: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) throw new FaultError('request too large');
  }
  if (text.trim() === '') return {};
  const value = JSON.parse(text) as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : {};
}

/** What `fault list` and the TUI show: the catalogue with each fault's state. */
export function faultStatus(ctx: EcrContext) {
  return {
    world: { account: ctx.config.account, region: ctx.config.region, host: ctx.registryHost, endpoint: ctx.endpoint },
    faults: FAULTS.map((f) => {
      const active = ctx.faults.get(f.name);
      return { name: f.name, title: f.title, side: f.side, on: active !== undefined, ...(active ? { since: active.since, repository: active.repository, tag: active.tag } : {}) };
    }),
  };
}

function clockStatus(ctx: EcrContext) {
  return { now: ctx.clock.now(), offsetMs: ctx.clock.offset() };
}

async function route(req: IncomingMessage, deps: AdminDeps): Promise<[number, unknown]> {
  const { ctx, engine } = deps;
  const path = (req.url ?? '').slice(ADMIN_PREFIX.length).split('?')[0];
  const body = req.method === 'POST' ? await readJson(req) : {};
  if (path === 'faults' && req.method === 'GET') return [200, faultStatus(ctx)];
  if (path === 'faults/on' && req.method === 'POST') {
    const fault = await engine.on(String(body.name), { repository: String(body.repository ?? 'ecr-lab/demo'), tag: String(body.tag ?? 'v1') });
    return [200, { on: fault.name, ...faultStatus(ctx) }];
  }
  if (path === 'faults/off' && req.method === 'POST') {
    const wasOn = await engine.off(String(body.name));
    return [200, { off: String(body.name), wasOn, ...faultStatus(ctx) }];
  }
  if (path === 'faults/reset' && req.method === 'POST') return [200, { reset: await engine.reset(), ...faultStatus(ctx) }];
  if (path === 'clock' && req.method === 'GET') return [200, clockStatus(ctx)];
  if (path === 'clock' && req.method === 'POST') {
    if (body.reset === true) ctx.clock.reset();
    else if (typeof body.advanceMs === 'number' && Math.abs(body.advanceMs) <= MAX_CLOCK_MOVE_MS && Math.abs(ctx.clock.offset() + body.advanceMs) <= MAX_CLOCK_MOVE_MS) ctx.clock.advance(body.advanceMs);
    else return [400, { error: 'the clock moves at most ten years from real time in all (ecr-lab clock reset starts again)' }];
    ctx.faults.touch();
    return [200, clockStatus(ctx)];
  }
  return [404, { error: `no admin call ${req.method} ${path}` }];
}

/** Answers one admin request: 404 when the endpoint is off, 403 without the secret. */
export function handleAdmin(req: IncomingMessage, res: ServerResponse, deps: AdminDeps): void {
  if (deps.secret === undefined) return send(res, 404, { error: 'the admin endpoint is off (ecr-lab serve turns it on)' });
  if (!isLoopback(req.socket.remoteAddress) || !authorized(req, deps.secret)) return send(res, 403, { error: 'not allowed: the admin secret is missing or wrong' });
  route(req, deps).then(
    ([status, body]) => send(res, status, body),
    (err: unknown) => send(res, err instanceof FaultError ? 409 : 400, { error: (err as Error).message }),
  );
}
