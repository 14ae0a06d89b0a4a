/**
 * The hand-written part of the 指标库: township project types and the 共性指标 backbone, written from
 * the standard 一级/二级 framework (产出: 数量/质量/时效/成本; 效益: 经济/社会/生态/可持续影响; 满意度)
 * and common township practice. scripts/build-indicator-library.ts compiles these files (one per
 * group of types, each reasonably short) into ../data.ts with source `framework`.
 *
 * An indicator is one tuple: `[二级, 三级名称, 指标值形式, 指标解释]`.
 * - 二级 is written short (`数量` → 产出指标/数量指标, `社会` → 效益指标/社会效益指标, `满意度` →
 *   满意度指标/服务对象满意度指标);
 * - the value form never holds a number: `≥__%`, `__人`, `≤__万元`, `≤__元/人/月`, `__月底前`,
 *   `定性（如：提升）` (the word after 如 is the example the clerk sees);
 * - 指标解释 says what is counted or judged, so the clerk can fill it in without guessing.
 */
export type Level2Short = '数量' | '质量' | '时效' | '成本' | '经济' | '社会' | '生态' | '可持续' | '满意度';

export type IndicatorSpec = readonly [level2: Level2Short, name: string, form: string, explanation: string];

export interface TypeSpec {
  /** stable id (the template library's id where it has the type) */
  id: string;
  /** what the clerk reads: `垃圾清运` */
  name: string;
  /** words in a 项目名称, 资金用途 or 绩效目标 that lead to this type, most telling first */
  keywords: readonly string[];
  /** types close enough that their indicators are not off-subject (农村保洁 ↔ 垃圾清运) */
  related?: readonly string[];
  indicators: readonly IndicatorSpec[];
}

export interface TypeGroup {
  /** `环境卫生与生态` */
  group: string;
  types: readonly TypeSpec[];
}

export const LEVELS: Record<Level2Short, { level1: string; level2: string }> = {
  数量: { level1: '产出指标', level2: '数量指标' },
  质量: { level1: '产出指标', level2: '质量指标' },
  时效: { level1: '产出指标', level2: '时效指标' },
  成本: { level1: '产出指标', level2: '成本指标' },
  经济: { level1: '效益指标', level2: '经济效益指标' },
  社会: { level1: '效益指标', level2: '社会效益指标' },
  生态: { level1: '效益指标', level2: '生态效益指标' },
  可持续: { level1: '效益指标', level2: '可持续影响指标' },
  满意度: { level1: '满意度指标', level2: '服务对象满意度指标' },
};
