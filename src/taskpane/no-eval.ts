/**
 * Imported first by every page entry. The task pane's Content-Security-Policy forbids eval, and zod
 * would otherwise probe `new Function` to compile its parsers: tell it not to.
 */
import { z } from 'zod';

z.config({ jitless: true });
