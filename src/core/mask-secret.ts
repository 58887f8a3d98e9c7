// How a known secret (a registry token, a password) is shown when it must be mentioned at all:
// enough of its start to tell two apart, and its length. Both the local ECR and live AWS use it.

/** Masks a token or password for display: the first 8 characters, then its length. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '****' : `${secret.slice(0, 8)}…(${secret.length} chars, masked)`;
}
