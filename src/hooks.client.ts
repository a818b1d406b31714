import { z } from 'zod';

// The portal's CSP forbids eval, so zod's compiled fast path cannot run in the
// browser; without this, zod's probe for it is reported as a CSP violation.
z.config({ jitless: true });
