export * from './types';
export { projectTypes, frameMaps } from './library';
export { searchTypes, findType, typesForProfile, normalizeQuery, scoreType } from './search';
export { indicatorsForProfile, type ProfileIndicator } from './frame';
