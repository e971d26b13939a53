// Text PostgreSQL can store. A NUL fails any text or jsonb value, and half a UTF-16 surrogate
// pair fails jsonb (in a text column it silently becomes U+FFFD). Neither is text anyone meant
// to send, so inputs refuse both up front instead of failing the request with a 500.
// A regex, not String#isWellFormed, which some browsers the forms support lack.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (s: string) => !UNSTORABLE.test(s);
