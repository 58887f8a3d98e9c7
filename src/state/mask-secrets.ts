// Masks secrets in text that is kept or handed out (the step journal, exported reports): registry
// tokens and passwords, AWS secret keys and session tokens, Authorization headers, docker auths.
// Pattern-based, because a journal or report never knows which secrets a step saw.

const MASK = '****(masked)';

// `Authorization: Basic QVdT…`, `X-Amz-Security-Token: …`: keep the header and the scheme.
const HEADER = /\b((?:proxy-)?authorization)(["']?\s*:\s*["']?)(?:(basic|bearer)\s+[^\s"',]+|(aws4-hmac-sha256)\s[^"'\n]*|[^\s"',]{12,})/gi;
const TOKEN_HEADER = /\b(x-amz-security-token)(["']?\s*[:=]\s*["']?)[^\s"',&]+/gi;
// `aws_secret_access_key = X`, `"SecretAccessKey": "X"`, `password=X`, `"auth": "X"`.
const NAMED = /(?<![A-Za-z0-9])(aws_secret_access_key|secret_?access_?key|aws_session_token|session_?token|security_?token|authorization_?token|password|passwd|auth|identity_?token|registry_?token)(["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi;
// `http://alice:Winter2026!@proxy:3128`: the password inside a URL's user info.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi;
// Names that are also ordinary words in prose: only a long value is taken for a secret.
const LOOSE_NAMES = new Set(['auth', 'password', 'passwd']);
// `--password X`, `docker login -u AWS -p X`.
const FLAG = /(--password(?:=|\s+)|\blogin\b[^\n]*?\s-p\s+)(?!-)([^\s"']+)/g;
// base64 of `AWS:` starts with `QVdTO`: an ECR authorization token, whole.
const AWS_AUTH = /QVdTO[A-Za-z0-9+/=]{8,}/g;
// Long base64 runs: registry passwords, session tokens (`IQoJb3JpZ2lu…`, `FwoGZXIvYXdz…`).
const LONG_BASE64 = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{64,}={0,2}(?![A-Za-z0-9+/=_-])/g;
// AWS secret access keys: exactly 40 characters of base64 with both cases.
const SECRET_KEY = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

const isHex = (s: string): boolean => /^[0-9a-f]+$/i.test(s);
const count = (s: string, re: RegExp): number => s.match(re)?.length ?? 0;
// Random base64 has many of each kind; a long path or a word run has few capitals or digits.
const mixed = (s: string): boolean => count(s, /[A-Z]/g) >= 3 && count(s, /[a-z]/g) >= 3 && count(s, /[0-9]/g) >= 2;

/** `text` with every secret it appears to contain replaced by `****(masked)`. Idempotent. */
export function maskSecrets(text: string): string {
  if (text === '') return text;
  return text
    .replace(HEADER, (_m, name: string, sep: string, basic?: string, sigv4?: string) => {
      const scheme = basic ?? sigv4;
      return `${name}${sep}${scheme ? `${scheme} ` : ''}${MASK}`;
    })
    .replace(TOKEN_HEADER, (_m, name: string, sep: string) => `${name}${sep}${MASK}`)
    .replace(URL_PASSWORD, (m, head: string, value: string, at: string) => (value.startsWith('****') ? m : `${head}${MASK}${at}`))
    .replace(NAMED, (m, name: string, sep: string, value: string) => {
      if (value.startsWith('****') || value.includes('…') || (LOOSE_NAMES.has(name.toLowerCase()) && value.length < 8)) return m;
      return `${name}${sep}${MASK}`;
    })
    .replace(FLAG, (m, flag: string, value: string) => (value.startsWith('****') || value.includes('…') ? m : `${flag}${MASK}`))
    .replace(AWS_AUTH, MASK)
    .replace(LONG_BASE64, (m) => (isHex(m) || !mixed(m) ? m : MASK))
    .replace(SECRET_KEY, (m) => (mixed(m) ? MASK : m));
}

/** Masks every string inside a JSON-like value (objects and arrays are copied). */
export function maskDeep<T>(value: T): T {
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)])) as T;
  }
  return value;
}
