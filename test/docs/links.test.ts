/**
 * Every relative link in README.md and docs/*.md (markdown links and images) resolves to a file or
 * folder of the repository, and an anchor to a heading of the linked document.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const documents = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** GitHub's heading anchor: lower case, punctuation but `-` and `_` dropped, spaces → `-`. */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    out.add(m[1].trim().toLowerCase().replace(/[`*]/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return out;
}

function links(text: string): string[] {
  const code = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...code.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

describe('relative links in README.md and docs/', () => {
  it('finds the documents and their links', () => {
    expect(documents.length).toBeGreaterThan(8);
    expect(documents.flatMap((d) => links(fs.readFileSync(path.join(root, d), 'utf8'))).length).toBeGreaterThan(30);
  });

  it.each(documents)('%s: every relative link resolves to a file of the repository', (doc) => {
    const text = fs.readFileSync(path.join(root, doc), 'utf8');
    const broken: string[] = [];
    for (const link of links(text)) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      const [file, anchor] = link.split('#');
      const target = file === '' ? path.join(root, doc) : path.resolve(path.dirname(path.join(root, doc)), decodeURIComponent(file));
      if (!target.startsWith(root + path.sep) || !fs.existsSync(target)) {
        broken.push(`${link} (no such file)`);
        continue;
      }
      if (anchor && target.endsWith('.md') && !anchors(fs.readFileSync(target, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) broken.push(`${link} (no such heading)`);
    }
    expect(broken).toEqual([]);
  });
});
