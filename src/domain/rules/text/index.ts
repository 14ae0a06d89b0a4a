import type { Rule } from '../../rule';
import { textUnparsedIndicator } from './unparsed-indicator';

export { textUnparsedIndicator };

/** The text/* rules (docs/domain.md §6 Disclosure-list text). */
export const textRules: Rule[] = [textUnparsedIndicator];
