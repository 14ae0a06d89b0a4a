/**
 * Writes the one-row-per-indicator fixtures (docs/domain.md §2.8, `sichuan-yth-annual`):
 *
 *   test/fixtures/formats/sichuan-2023-matazhen.xlsx  — with ExcelJS, the way the system exports it:
 *     the title with the budget year, `金额单位:元`, the header, a department row with its total,
 *     per project its fields merged down over its indicator rows, amounts `#,##0.00`, and the
 *     title, unit line and header repeated after a page break inside the second project;
 *   test/fixtures/formats/sichuan-2023-matazhen.xls   — the same converted by LibreOffice
 *     (`soffice --headless --convert-to xls`), when soffice is installed.
 *
 * The third project carries two problems the checker must find: weights that total 85 and a
 * 正向指标 written `≤`. Run: npx tsx scripts/make-rows-fixtures.ts
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';

type Ind = [string, string, string, string, number | string, string, number, string];

const HEADER = ['单位名称', '项目名称', '预算数', '年度目标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '权重', '指标方向性'];
const TITLE = '部门预算项目绩效目标申报表(2023年度)';

const PROJECTS: { unit: string; name: string; budget: number; goal: string; rows: Ind[] }[] = [
  {
    unit: '820001-井研县马踏镇人民政府',
    name: '村组干部报酬',
    budget: 3309840,
    goal: '按时足额发放村组干部报酬，保障村级组织正常运转',
    rows: [
      ['效益指标', '社会效益指标', '维护社会稳定', '定性', '有效维护', '', 15, '正向指标'],
      ['产出指标', '数量指标', '行政村数量', '=', 11, '个', 10, '正向指标'],
      ['产出指标', '数量指标', '村组干部人数', '≥', 88, '人', 10, '正向指标'],
      ['产出指标', '质量指标', '报酬发放准确率', '≥', 98, '%', 10, '正向指标'],
      ['产出指标', '时效指标', '报酬发放及时率', '≥', 95, '%', 10, '正向指标'],
      ['产出指标', '成本指标', '村组干部报酬总额', '≤', 330.98, '万元', 10, '反向指标'],
      ['效益指标', '可持续影响指标', '基层组织运转', '定性', '持续保障', '', 15, '正向指标'],
      ['满意度指标', '服务对象满意度指标', '村组干部满意度', '≥', 90, '%', 10, '正向指标'],
    ],
  },
  {
    unit: '820001-井研县马踏镇人民政府',
    name: '村级公益事业建设',
    budget: 1500000,
    goal: '完成村级道路、水渠等公益设施建设，改善群众生产生活条件',
    rows: [
      ['产出指标', '数量指标', '建设项目个数', '≥', 6, '个', 20, '正向指标'],
      ['产出指标', '质量指标', '工程验收合格率', '=', 100, '%', 10, '正向指标'],
      ['产出指标', '时效指标', '项目完工及时率', '≥', 95, '%', 10, '正向指标'],
      ['产出指标', '成本指标', '项目建设成本', '≤', 150, '万元', 10, '反向指标'],
      ['效益指标', '社会效益指标', '受益群众人数', '≥', 5000, '人', 20, '正向指标'],
      ['效益指标', '可持续影响指标', '设施持续发挥作用年限', '≥', 10, '年', 10, '正向指标'],
      ['满意度指标', '服务对象满意度指标', '受益群众满意度', '≥', 90, '%', 10, '正向指标'],
    ],
  },
  {
    unit: '820002-井研县马踏镇农业服务中心',
    name: '农村环境卫生整治',
    budget: 400000,
    goal: '聘用保洁员开展农村环境卫生整治，改善农村人居环境',
    rows: [
      ['产出指标', '数量指标', '聘用保洁员人数', '≥', 20, '人', 10, '正向指标'],
      ['产出指标', '质量指标', '垃圾清运率', '≤', 95, '%', 10, '正向指标'],
      ['产出指标', '时效指标', '保洁工资发放及时率', '≥', 95, '%', 10, '正向指标'],
      ['产出指标', '成本指标', '保洁员工资总额', '≤', 36, '万元', 10, '反向指标'],
      ['效益指标', '生态效益指标', '村容村貌改善', '定性', '明显改善', '', 25, '正向指标'],
      ['满意度指标', '服务对象满意度指标', '村民满意度', '≥', 90, '%', 20, '正向指标'],
    ],
  },
];

/** Row offsets (within the second project) before which the page break repeats the title, unit line and header. */
const PAGE_BREAK_IN_SECOND = 4;

export async function writeRowsXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jxmb fixtures';
  wb.created = new Date(Date.UTC(2023, 0, 10));
  wb.modified = wb.created;
  const ws = wb.addWorksheet('部门预算项目绩效目标申报表');
  ws.columns = [26, 18, 14, 30, 10, 16, 22, 8, 10, 8, 8, 10].map((width) => ({ width }));
  let r = 1;
  const titleBlock = () => {
    ws.getCell(r, 1).value = TITLE;
    ws.getCell(r, 1).font = { bold: true, size: 16 };
    ws.mergeCells(r, 1, r, 12);
    r++;
    ws.getCell(r, 1).value = '金额单位:元';
    r++;
    HEADER.forEach((h, i) => {
      const c = ws.getCell(r, i + 1);
      c.value = h;
      c.font = { bold: true };
    });
    r++;
  };
  titleBlock();
  // the department row: a code like 820-, its total, no project
  ws.getCell(r, 1).value = '820-马踏镇部门';
  ws.getCell(r, 3).value = PROJECTS.reduce((s, p) => s + p.budget, 0);
  ws.getCell(r, 3).numFmt = '#,##0.00';
  r++;
  PROJECTS.forEach((p, pi) => {
    const first = r;
    // a merge cannot span a page break's repeated header: the fields are merged over each part
    let partTop = r;
    const mergeFields = (bottom: number) => {
      if (bottom > partTop) for (const c of [1, 2, 3, 4]) ws.mergeCells(partTop, c, bottom, c);
    };
    p.rows.forEach((ind, k) => {
      if (pi === 1 && k === PAGE_BREAK_IN_SECOND) {
        mergeFields(r - 1);
        ws.getRow(r).addPageBreak();
        titleBlock();
        partTop = r;
      }
      if (r === first) {
        ws.getCell(r, 1).value = p.unit;
        ws.getCell(r, 2).value = p.name;
        ws.getCell(r, 3).value = p.budget;
        ws.getCell(r, 3).numFmt = '#,##0.00';
        ws.getCell(r, 4).value = p.goal;
      }
      ind.forEach((v, i) => {
        if (v !== '') ws.getCell(r, 5 + i).value = v;
      });
      r++;
    });
    mergeFields(r - 1);
  });
  await wb.xlsx.writeFile(file);
}

async function main(): Promise<void> {
  const dir = path.join(__dirname, '..', 'test', 'fixtures', 'formats');
  const xlsx = path.join(dir, 'sichuan-2023-matazhen.xlsx');
  await writeRowsXlsx(xlsx);
  process.stdout.write(`wrote ${xlsx}\n`);
  if (!fs.existsSync('/usr/bin/soffice')) {
    process.stdout.write('soffice not installed: the .xls is not written\n');
    return;
  }
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-xls-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${out}/profile`, '--headless', '--convert-to', 'xls', '--outdir', out, xlsx], { stdio: 'inherit' });
  fs.copyFileSync(path.join(out, 'sichuan-2023-matazhen.xls'), path.join(dir, 'sichuan-2023-matazhen.xls'));
  fs.rmSync(out, { recursive: true, force: true });
  process.stdout.write(`wrote ${path.join(dir, 'sichuan-2023-matazhen.xls')}\n`);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
