/**
 * A profile is one table format plus its rule settings (DOMAIN.md §2). Profiles are data: a new
 * province's profile is a new object of this shape, not new code.
 */
import type { Severity } from './model';

export interface Level2Spec {
  name: string;
}

export interface Level1Spec {
  name: string;
  /** allowed 二级 names under this 一级 */
  level2: Level2Spec[];
  /** this 一级 must have ≥1 三级 (indicator/missing-level1) */
  required: boolean;
  /** every 二级 listed must have ≥1 三级 once the 一级 has rows (indicator/missing-level2) */
  requireEveryLevel2: boolean;
}

export interface Profile {
  id: string;
  /** shown to the clerk */
  name: string;
  /** `block`: stacked label-anchored blocks; `list`: one row per project (disclosure list) */
  layout: 'block' | 'list';
  level1: Level1Spec[];
  /** alias → canonical, compared after removing whitespace */
  aliases: { level1: Record<string, string>; level2: Record<string, string> };
  /** accepted checkpoint header sets of the 资金支出计划, in order; the first is what templates insert */
  checkpointSets: string[][];
  /** month (1–12) each checkpoint header stands for, for plan pacing (序时进度) */
  checkpointMonths: Record<string, number>;
  /** satisfaction floor in percent (value/satisfaction warns below it) */
  satisfactionFloor: number;
  /** share of time-proportional progress a checkpoint must reach (plan/behind-schedule), 0–1 */
  planPacingShare: number;
  /** which fields this format has (a disclosure list has no code, plan or basis) */
  fields: {
    code: boolean;
    basis: boolean;
    plan: boolean;
    funding: boolean;
  };
  /** rule switches and re-gradings: `off` or another severity */
  rules: Record<string, Severity | 'off'>;
}
