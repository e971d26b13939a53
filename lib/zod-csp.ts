import { z } from 'zod';

// Zod compiles object parsers with `new Function` after probing whether eval is
// allowed. Under the panel's Content-Security-Policy (no 'unsafe-eval') the probe
// fails and the browser reports a violation for it. Modules that parse in the
// browser import this first, so zod never probes there; the server keeps its
// compiled parsers.
if (typeof window !== 'undefined') z.config({ jitless: true });
