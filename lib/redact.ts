/**
 * A provider's error message as we store and log it: every known secret
 * replaced, whitespace collapsed, and cut to a length a log line and the
 * delivery log can show. Providers, and proxies in front of them, may quote the
 * request back (its Authorization header, its URL with a bot token, its body
 * with a sign-in link), so their text is never trusted to be clean.
 */
export function safeErrorText(text: string, secrets: (string | null | undefined)[], maxLength = 500): string {
  const clean = withoutSecrets(text, secrets).replace(/\s+/g, ' ').trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
}

/** `text` with every known secret (of 6 characters or more) replaced by [redacted]; log lines go through it too (lib/log.ts). */
export function withoutSecrets(text: string, secrets: (string | null | undefined)[]): string {
  let clean = text;
  for (const secret of secrets) if (secret && secret.length >= 6) clean = clean.split(secret).join('[redacted]');
  return clean;
}
