/** The 指标库: the data, its value forms, and suggestions for a project. */
export * from './schema';
export { valueForm, templateForm, formKind, measureOf, toTemplateIndicator, BLANK, QUALITATIVE, type ValueForm, type IndicatorLike } from './form';
export { indicatorKey } from './key';
export { indicatorLibrary } from './library';
export { recognizeTypes, type TypeMatch, type TypeQuery } from './recognize-type';
export {
  Suggester,
  defaultSuggester,
  suggestIndicators,
  suggestForProject,
  groupByLevel2,
  ngrams,
  WEIGHTS,
  type SuggestQuery,
  type Suggestion,
  type SuggesterOptions,
  type SuggestResult,
  type TypeInfo,
} from './suggest';
