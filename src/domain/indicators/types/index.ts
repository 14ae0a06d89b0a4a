/** The hand-written type groups and the 共性指标 backbone, in the order the library lists them. */
import { AGRICULTURE_CULTURE } from './agriculture-culture';
import { COMMON } from './common';
import { ENVIRONMENT } from './environment';
import { INFRASTRUCTURE } from './infrastructure';
import { PARTY } from './party';
import { SAFETY } from './safety';
import { SOCIAL } from './social';
import { VILLAGE } from './village';
import type { TypeGroup } from './spec';

export const TYPE_GROUPS: readonly TypeGroup[] = [VILLAGE, ENVIRONMENT, INFRASTRUCTURE, SAFETY, PARTY, SOCIAL, AGRICULTURE_CULTURE];
export { COMMON };
export { LEVELS, type IndicatorSpec, type Level2Short, type TypeGroup, type TypeSpec } from './spec';
