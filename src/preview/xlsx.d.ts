// Fixture workbooks are turned into Grid modules at build time (src/preview/xlsx-grid-loader.js).
declare module '*.xlsx' {
  import type { Grid } from '../sheet/grid';
  const grid: Grid & { sheets: (Grid['sheets'][number] & { widths?: (number | null)[] })[] };
  export default grid;
}
