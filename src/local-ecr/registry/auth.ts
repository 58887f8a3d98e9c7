// Registry authentication as ECR does it: a Basic challenge for anyone without credentials,
// then `AWS:<password>` checked as a registry token and mapped to a known identity.
import { lookupCredential } from '../access.js';
import type { Caller } from '../iam/types.js';
import { TOKEN_EXPIRED, tokenInvalid } from './errors.js';
import { send, sendError, type Exchange } from './exchange.js';

/** The scheme of the Authorization header, for the log (never its value). */
export function authScheme(x: Exchange): string | undefined {
  return x.req.headers.authorization?.split(' ')[0] || undefined;
}

function challenge(x: Exchange): void {
  x.errorCode = 'UNAUTHORIZED';
  send(x, 401, {
    'www-authenticate': `Basic realm="https://${x.ctx.registryHost}/",service="ecr.amazonaws.com"`,
    'content-type': 'text/plain; charset=utf-8',
  }, 'Not Authorized\n');
}

/**
 * The password of `Basic AWS:<password>`; undefined when there are no credentials at all: no
 * header, another scheme, or empty ones (`Basic Og==`, base64 of `:`, what podman sends before
 * any login; ECR challenges it like no header, ECR.md §9). '' for credentials that are not ours.
 */
function basicPassword(header: string): string | undefined {
  const [scheme, value] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'basic' || !value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  if (decoded === '' || decoded === ':') return undefined;
  const colon = decoded.indexOf(':');
  return colon > 0 && decoded.slice(0, colon) === 'AWS' ? decoded.slice(colon + 1) : '';
}

/**
 * Finds who is calling, or answers: 401 challenge without Basic credentials, 403 when the
 * token expired, and for a bad token 400 on `GET /v2/` (what `docker login` reports) else 403.
 */
export function authenticate(x: Exchange, isPing: boolean): Caller | undefined {
  const password = basicPassword(x.req.headers.authorization ?? '');
  if (password === undefined) {
    challenge(x);
    return undefined;
  }
  const { ctx } = x;
  const check = ctx.tokens.check(password, ctx.config.region, ctx.config.account, ctx.clock.now());
  // The token stands for the identity that asked for it; a key deleted since is refused.
  const found = check.ok ? lookupCredential(ctx, check.accessKeyId) : undefined;
  if (found && (found.status === 'ok' || found.status === 'expired')) return found.caller;
  sendError(x, !check.ok && check.reason === 'expired' ? TOKEN_EXPIRED : tokenInvalid(isPing ? 400 : 403));
  return undefined;
}
