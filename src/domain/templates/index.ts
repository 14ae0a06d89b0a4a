export * from './types';
export { projectTypes, frameMaps, skeletonLevel2 } from './library';
export { searchTypes, findType, typesForProfile, normalizeQuery, scoreType, typeFits, fitsText } from './search';
export { indicatorsForProfile, mapToProfile, type ProfileIndicator } from './frame';
export { headerAmount, headerCaption, headerFields, headerSchema, moneyFields, parseHeader, parseHeaderByField, type HeaderResult, type TemplateHeader, type TemplateHeaderInput } from './header';
