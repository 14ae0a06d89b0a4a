/** The public face of the domain: model, addresses, profiles, rule API, engine, fixes, values, rules. */
export * from './model';
export * from './address';
export type * from './profile';
export * from './profiles';
export * from './rule';
export * from './engine';
export * from './fixes';
export * from './value';
export * from './text';
export { allRules, getRule, tableRules, idRules, indicatorRules, valueRules, planRules, totalRules, textRules } from './rules';
