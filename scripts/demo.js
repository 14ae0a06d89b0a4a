// `npm run demo`: what jxmb does on a machine without Excel, in one command.
// 1. `jxmb check` on the shipped sample workbooks (samples/), with annotated copies in out/samples/
//    and the one-page html report out/samples/检查报告.html;
// 2. the browser preview: the task pane beside an in-memory workbook (npm run preview).
const { spawnSync, spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outDir = path.join('out', 'samples');

console.log('▶ jxmb check --annotate out/samples samples\n');
const check = spawnSync(process.execPath, [path.join(root, 'bin', 'jxmb.js'), 'check', '--annotate', outDir, 'samples'], {
  cwd: root,
  stdio: 'inherit',
});
if (check.status === 2 || check.status === null) {
  console.error('\n✖ 示例工作簿检查失败（见上）');
  process.exit(check.status ?? 2);
}
const report = path.join(outDir, '检查报告.html');
spawnSync(process.execPath, [path.join(root, 'bin', 'jxmb.js'), 'check', '--format', 'html', '-o', report, 'samples'], { cwd: root, stdio: 'ignore' });
console.log(`\n标注副本已写入 ${outDir}/（出错单元格标色并附批注，首个工作表“检查结果”列出全部问题）。`);
console.log(`网页报告：${report}（可离线打开、打印）。`);
if (process.argv.includes('--no-preview')) process.exit(0);

console.log('\n▶ npm run preview — 浏览器预览：任务窗格 + 内存中的示例工作簿（Ctrl+C 结束）\n');
const preview = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'preview'], { cwd: root, stdio: 'inherit' });
preview.on('exit', (code) => process.exit(code ?? 0));
