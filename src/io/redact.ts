/**
 * Passwords and keys never reach a terminal or a log: a database URL is shown as
 * postgres://user:***@host/db, and any text that may quote a secret is scrubbed before it is shown.
 */

const MASK = '***';

/** `scheme://user:password@host` → `scheme://user:***@host`; password-like query parameters are masked too. */
export function redactUrl(url: string): string {
  let shown = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(shown)?.[0];
  if (scheme) {
    // The last @ ends the user info: an unescaped @ or / inside a password must not leak its tail.
    const at = shown.lastIndexOf('@');
    const colon = shown.indexOf(':', scheme.length);
    if (at > scheme.length && colon !== -1 && colon < at) shown = `${shown.slice(0, colon + 1)}${MASK}${shown.slice(at)}`;
  }
  return shown.replace(/([?&;](?:password|pass|pwd|sslpassword|sslkey|secret|token)=)[^&;#]*/gi, `$1${MASK}`);
}

/** Values shorter than this are not scrubbed by value: masking every "pw" in a log would garble it. */
const MIN_SCRUBBED = 6;

const SECRET_FIELDS = /((?:app_secret|appSecret|encrypt_key|encryptKey|verification_token|verificationToken|tenant_access_token|app_access_token|password)\\?"?\s*[:=]\s*\\?"?)[^"\\,}&\s]+/g;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"]*):[^\s@/"]+@/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Masks the given secret values (raw and JSON-escaped), secret-named fields, URL passwords and bearer tokens. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SCRUBBED) continue;
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])) {
      out = out.split(form).join(MASK);
    }
  }
  return out.replace(SECRET_FIELDS, `$1${MASK}`).replace(URL_PASSWORD, `$1:${MASK}@`).replace(BEARER, `$1${MASK}`);
}

/** The secret values of a configuration, for redactText. */
export function secretsOf(config: { appSecret: string; encryptKey: string; verificationToken: string; databaseUrl: string }): string[] {
  return [config.appSecret, config.encryptKey, config.verificationToken, ...urlPasswords(config.databaseUrl)];
}

function urlPasswords(url: string): string[] {
  try {
    const u = new URL(url);
    return u.password ? [u.password, decodeURIComponent(u.password)] : [];
  } catch {
    return [];
  }
}
