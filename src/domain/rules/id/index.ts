import type { Rule } from '../../rule';
import { idCodeFormat } from './code-format';
import { idCodeMissing } from './code-missing';
import { idCodeYear } from './code-year';
import { idDuplicateProject } from './duplicate-project';

export { idCodeMissing, idCodeFormat, idCodeYear, idDuplicateProject };

export const idRules: Rule[] = [idCodeMissing, idCodeFormat, idCodeYear, idDuplicateProject];
