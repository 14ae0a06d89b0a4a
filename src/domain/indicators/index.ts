/** The 指标库: the data, its value forms, and suggestions for a project. */
export * from './schema';
export { valueForm, templateForm, formKind, toTemplateIndicator, BLANK, QUALITATIVE, type ValueForm, type IndicatorLike } from './form';
export { indicatorKey } from './key';
export { indicatorLibrary } from './library';
export { typesOfProject } from './project-types';
export { Suggester, defaultSuggester, suggestIndicators, groupByLevel2, ngrams, WEIGHTS, type SuggestQuery, type Suggestion, type SuggesterOptions } from './suggest';
