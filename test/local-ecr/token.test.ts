import { describe, expect, it } from 'vitest';
import { TOKEN_LIFETIME_MS, TokenCodec } from '../../src/local-ecr/token.js';
import { createClock, parseDuration } from '../../src/local-ecr/clock.js';

const NOW = Date.UTC(2026, 10, 23, 12);

describe('registry tokens', () => {
  const codec = TokenCodec.withRandomKey();
  const issued = codec.issue('AKIAIOSFODNN7EXAMPLE', 'us-east-1', '123456789012', NOW);

  it('has the shape of an ECR token: base64 of AWS:<password> with one colon', () => {
    const decoded = Buffer.from(issued.authorizationToken, 'base64').toString();
    expect(decoded.split(':')).toEqual(['AWS', issued.password]);
    expect(decoded).toMatch(/^AWS:eyJwYXlsb2FkIj/);
    const envelope = JSON.parse(Buffer.from(issued.password, 'base64').toString());
    expect(Object.keys(envelope)).toEqual(['payload', 'datakey', 'version', 'type', 'expiration']);
    expect(issued.expiresAt - NOW).toBe(TOKEN_LIFETIME_MS);
  });

  it.each([
    ['valid just before expiry', issued.password, 'us-east-1', NOW + TOKEN_LIFETIME_MS - 1000, { ok: true, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }],
    ['expired after 12 hours', issued.password, 'us-east-1', NOW + TOKEN_LIFETIME_MS, { ok: false, reason: 'expired' }],
    ['another region', issued.password, 'eu-west-1', NOW, { ok: false, reason: 'wrong-registry' }],
    ['garbage', 'bm90IGEgdG9rZW4=', 'us-east-1', NOW, { ok: false, reason: 'invalid' }],
    ['forged by another server', TokenCodec.withRandomKey().issue('AKIAIOSFODNN7EXAMPLE', 'us-east-1', '123456789012', NOW).password, 'us-east-1', NOW, { ok: false, reason: 'invalid' }],
  ])('%s', (_name, password, region, now, expected) => {
    expect(codec.check(password, region, '123456789012', now)).toEqual(expected);
  });
});

describe('clock', () => {
  it('moves by durations', () => {
    const clock = createClock(0, () => NOW);
    clock.advance(parseDuration('+13h')!);
    expect(clock.now() - NOW).toBe(13 * 3_600_000);
    expect(parseDuration('-30m')).toBe(-1_800_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('soon')).toBeUndefined();
  });
});
