// Stands in for MiniSearch in the `--env withoutIndicatorLibrary` build (npm run bench): the pane without
// the search engine, to measure what it adds.
export default class MiniSearch<T> {
  constructor(_options: unknown) {}
  addAll(_docs: T[]): void {}
  search(_query: string): { id: unknown; score: number }[] {
    return [];
  }
}
