// Identifiers shaped like IAM's: a four-letter prefix and random upper-case letters and digits.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomText(length: number, alphabet = ALPHABET): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** AIDA (user), AROA (role), ANPA (policy), AKIA (key), ASIA (session key) + random. */
export function iamId(prefix: 'AIDA' | 'AROA' | 'ANPA' | 'AKIA' | 'ASIA'): string {
  return prefix + randomText(prefix === 'AKIA' || prefix === 'ASIA' ? 16 : 17);
}

/** A 40-character secret access key. */
export function secretKey(): string {
  return randomBytes(30).toString('base64').replace(/[+]/g, 'k').slice(0, 40);
}

/** An STS session token: long, opaque, base64. */
export function sessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64')}`;
}
