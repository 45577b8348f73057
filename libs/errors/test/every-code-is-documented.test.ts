// Every error code anything in the repository can raise is in docs/errors.md: the business
// rejections (from the catalog, checked row by row in catalog.test.ts) and the operational errors
// (thrown by libs and services). It reads the sources, so a new code without a line in the doc fails.
import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_FOLDERS = ['libs', 'services', 'tools', 'bench'];
const CODE_LITERAL = /'([A-Z]+_ERR_[A-Z0-9_]+)'/g;

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop() as string;
    for (const name of readdirSync(current)) {
      if (name === 'node_modules' || name === 'test' || name.startsWith('.')) continue;
      const path = join(current, name);
      if (statSync(path).isDirectory()) pending.push(path);
      else if (path.endsWith('.ts')) found.push(path);
    }
  }
  return found;
}

t.test('every error code raised in the sources is documented in docs/errors.md', async (t) => {
  const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  const codes = new Map<string, string>();
  for (const folder of SOURCE_FOLDERS) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      for (const match of readFileSync(file, 'utf8').matchAll(CODE_LITERAL))
        codes.set(match[1] as string, file.slice(ROOT.length));
    }
  }
  t.ok(codes.size > 30, `found the codes (${codes.size})`);
  const missing = [...codes]
    .filter(([code]) => !doc.includes(`\`${code}\``))
    .map(([code, file]) => `${code} (${file})`);
  t.same(missing, [], 'add a row to docs/errors.md for each');
});
