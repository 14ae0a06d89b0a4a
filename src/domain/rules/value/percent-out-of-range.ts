import { defineRule } from '../../rule';
import { formatNumber } from '../../value';
import { fieldText, isProjectBlock, valueCell, valueRows } from '../indicator/rows';

/** Rates that cannot exceed 100% (coverage, completion, timeliness, qualification, participation, satisfaction …). */
export const BOUNDED_RATE =
  /(覆盖率|完成率|及时率|合格率|到位率|参与率|知晓率|知晓度|满意度|满意率|发放率|准确率|达标率|出勤率|参训率|参会率|参保率|参合率|执行率|办结率|入户率|落实率|认知率|正确率|合规率|支付率|拨付率|兑现率|普及率|通过率|验收率|完好率|使用率|受理率|办理率|处置率|回复率|结案率|调解率|开展率|符合率|参与度|覆盖面|入学率|巩固率|接种率|检测率|清运率|处理率|达标比例|完成比例)/;
/** Changes may be negative or above 100%. */
const CHANGE_RATE = /增长|增幅|增加|提高|提升|上升|下降|降低|减少|变化|变动|同比|环比|增速/;

/** value/percent-out-of-range — a percentage < 0, or > 100 for a rate that is bounded by 100%. */
export const valuePercentOutOfRange = defineRule({
  id: 'value/percent-out-of-range',
  severity: 'error',
  scope: 'block',
  description: '百分比超出合理范围',
  messages: {
    negative: '指标值“{{value}}”是负的百分比：“{{name}}”应在0%到100%之间',
    over100: '指标值“{{value}}”超过100%：“{{name}}”是比率，最高为100%',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const p = r.value;
      if (p.kind !== 'percent' || p.number === undefined) continue;
      if (CHANGE_RATE.test(r.name)) continue;
      const data = { value: fieldText(r.row.value) || `${formatNumber(p.number)}%`, name: fieldText(r.row.level3) || '该指标' };
      const at = valueCell(r.row, 'number');
      if (p.number < 0) ctx.report({ at, messageId: 'negative', data });
      else if (p.number > 100 && BOUNDED_RATE.test(r.name)) ctx.report({ at, messageId: 'over100', data });
    }
  },
});
