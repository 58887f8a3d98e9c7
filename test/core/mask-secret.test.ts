import { describe, expect, it } from 'vitest';
import { maskSecret } from '../../src/core/mask-secret.js';
import { TokenCodec } from '../../src/local-ecr/token.js';

describe('maskSecret (core: the local ECR and live AWS both show tokens through it)', () => {
  it('keeps the first 8 characters and says the length', () => {
    const token = TokenCodec.withRandomKey().issue('AKIAIOSFODNN7EXAMPLE', 'us-east-1', '123456789012', 0).password;
    expect(maskSecret(token)).toBe(`${token.slice(0, 8)}…(${token.length} chars, masked)`);
    expect(maskSecret(token)).not.toContain(token.slice(8, 24));
  });

  it('hides a short secret whole', () => {
    expect(maskSecret('short')).toBe('****');
    expect(maskSecret('12345678')).toBe('****');
  });
});
