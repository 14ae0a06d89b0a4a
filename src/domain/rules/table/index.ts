import type { Rule } from '../../rule';
import { tableMissingField } from './missing-field';
import { tablePlaceholderText } from './placeholder-text';

export { tableMissingField, tablePlaceholderText };

export const tableRules: Rule[] = [tableMissingField, tablePlaceholderText];
