// Registry tokens as GetAuthorizationToken issues them: base64("AWS:" + password), where the
// password is base64 of a JSON envelope shaped like ECR's (payload, datakey, version, type,
// expiration). Here the payload names the identity, region and expiry and carries an HMAC
// under the server's key, so the registry can tell valid, expired and forged tokens apart.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

interface Payload {
  readonly k: string; // access key id of the identity that asked
  readonly r: string; // region
  readonly a: string; // account (registry id)
  readonly e: number; // expiry, epoch seconds
}

export interface IssuedToken {
  /** base64 of `AWS:<password>` */
  readonly authorizationToken: string;
  readonly password: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'wrong-registry' };

export class TokenCodec {
  constructor(private readonly key: Buffer) {}

  static withRandomKey(): TokenCodec {
    return new TokenCodec(randomBytes(32));
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64');
  }

  issue(accessKeyId: string, region: string, account: string, nowMs: number): IssuedToken {
    const expiresAt = nowMs + TOKEN_LIFETIME_MS;
    const body = Buffer.from(JSON.stringify({ k: accessKeyId, r: region, a: account, e: Math.floor(expiresAt / 1000) } satisfies Payload)).toString('base64');
    const envelope = {
      payload: `${body}.${this.mac(body)}`,
      datakey: randomBytes(168).toString('base64'),
      version: '2',
      type: 'DATA_KEY',
      expiration: Math.floor(expiresAt / 1000),
    };
    const password = Buffer.from(JSON.stringify(envelope)).toString('base64');
    return { authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'), password, expiresAt };
  }

  /** Checks a password received on the registry (from Basic `AWS:<password>`). */
  check(password: string, region: string, account: string, nowMs: number): TokenCheck {
    let payload: Payload;
    try {
      const envelope = JSON.parse(Buffer.from(password, 'base64').toString('utf8')) as { payload?: unknown };
      if (typeof envelope.payload !== 'string') return { ok: false, reason: 'invalid' };
      const [body, mac] = envelope.payload.split('.');
      if (!body || !mac) return { ok: false, reason: 'invalid' };
      const expected = Buffer.from(this.mac(body));
      const given = Buffer.from(mac);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
      payload = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as Payload;
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (payload.r !== region || payload.a !== account) return { ok: false, reason: 'wrong-registry' };
    if (payload.e * 1000 <= nowMs) return { ok: false, reason: 'expired' };
    return { ok: true, accessKeyId: payload.k };
  }
}
