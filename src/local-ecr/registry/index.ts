// The registry side of the local ECR (Docker Registry HTTP API v2 as ECR speaks it): routes
// each `/v2` request after authenticating it, and logs every exchange without secrets.
import type { Handler } from '../context.js';
import { authenticate, authScheme } from './auth.js';
import { serveBlob } from './blobs.js';
import { NOT_FOUND, UNSUPPORTED } from './errors.js';
import { send, sendError, type Exchange } from './exchange.js';
import { deleteManifest } from './manifest-delete.js';
import { getManifest, listTags, putManifest } from './manifests.js';
import { serveReferrers } from './referrers.js';
import { parseRoute, type Route } from './routes.js';
import { failureAnswer } from './storage-errors.js';
import { continueUpload, startUpload } from './uploads.js';

/** Query parameters worth showing in the log; the registry's query carries no secrets. */
const LOGGED_QUERY = ['mount', 'from', 'digest', 'n', 'last', 'artifactType'];

function logPath(pathname: string, query: URLSearchParams): string {
  const kept = new URLSearchParams([...query].filter(([k]) => LOGGED_QUERY.includes(k)));
  const text = kept.toString();
  return text ? `${pathname}?${text}` : pathname;
}

async function dispatch(x: Exchange, route: Route): Promise<void> {
  const method = x.req.method ?? 'GET';
  const isRead = method === 'GET' || method === 'HEAD';
  switch (route.kind) {
    case 'ping':
      return isRead ? send(x, 200, { 'content-type': 'application/json; charset=utf-8' }, '{}') : sendError(x, UNSUPPORTED);
    case 'blob':
      return isRead ? serveBlob(x, route.name, route.digest) : sendError(x, UNSUPPORTED);
    case 'uploads':
      return method === 'POST' ? startUpload(x, route.name) : sendError(x, UNSUPPORTED);
    case 'upload':
      return ['PATCH', 'PUT', 'DELETE', 'GET'].includes(method) ? continueUpload(x, route.name, route.id) : sendError(x, UNSUPPORTED);
    case 'manifest':
      if (isRead) return getManifest(x, route.name, route.ref);
      if (method === 'DELETE') return deleteManifest(x, route.name, route.ref);
      return method === 'PUT' ? putManifest(x, route.name, route.ref) : sendError(x, UNSUPPORTED);
    case 'referrers':
      return method === 'GET' ? serveReferrers(x, route.name, route.digest) : sendError(x, UNSUPPORTED);
    case 'tags':
      return method === 'GET' ? listTags(x, route.name) : sendError(x, UNSUPPORTED);
    default:
      return sendError(x, NOT_FOUND);
  }
}


/** Answers one `/v2...` request; every response carries the registry API version header. */
export const handleRegistry: Handler = async (req, res, ctx) => {
  const url = new URL(req.url ?? '/', 'http://registry');
  const pathname = url.pathname;
  const x: Exchange = { req, res, ctx, isHead: req.method === 'HEAD', query: url.searchParams };
  const route = parseRoute(pathname);
  res.setHeader('docker-distribution-api-version', 'registry/2.0');
  let failed = false;
  try {
    x.identity = authenticate(x, route.kind === 'ping');
    if (x.identity) await dispatch(x, route);
  } catch (err) {
    // Once the answer has started it can only be cut off (the caller drops the connection).
    if (res.headersSent) {
      failed = true;
      throw err;
    }
    sendError(x, failureAnswer(err, ctx.config.account));
  } finally {
    ctx.log.add({
      time: ctx.clock.now(),
      method: req.method ?? 'GET',
      path: logPath(pathname, x.query),
      status: failed && !res.headersSent ? 500 : res.statusCode,
      errorCode: x.errorCode,
      api: 'registry',
      caller: x.identity?.arn,
      auth: authScheme(x),
    });
  }
};
