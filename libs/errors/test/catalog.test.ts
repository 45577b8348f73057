// The rejection catalog is the one table of error codes: codes are unique and stable in form, and
// docs/errors.md lists every one of them with the same codespace, code and name.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REJECTIONS, reject } from '../src/index.js';

const kinds = Object.values(REJECTIONS);

t.test('every code is unique and shaped MODULE_ERR_WHAT', async (t) => {
  const codes = kinds.map((kind) => kind.code);
  t.equal(new Set(codes).size, codes.length);
  for (const code of codes) t.match(code, /^[A-Z]+_ERR_[A-Z_]+$/);
  const references = kinds.map((kind) => `${kind.codespace}/${kind.abciCode}`);
  t.equal(new Set(references).size, references.length, 'no two kinds share a codespace and code');
});

t.test('a rejection wraps its context the way sdkerrors.Wrap prints it', async (t) => {
  t.equal(reject(REJECTIONS.invalidCoins, '0uluna').message, '0uluna: invalid coins');
  t.equal(reject(REJECTIONS.zeroSwapCoin).message, 'zero swap coin');
  t.equal(reject(REJECTIONS.recursiveSwap, 'uluna').code, 'MARKET_ERR_RECURSIVE_SWAP');
});

t.test('docs/errors.md lists every code with its codespace, code and name', async (t) => {
  const doc = readFileSync(fileURLToPath(new URL('../../../docs/errors.md', import.meta.url)), 'utf8');
  const rows = doc
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  for (const kind of kinds) {
    const row = rows.find((cells) => cells[1] === `\`${kind.code}\``);
    t.same(row?.slice(2, 5), [kind.codespace, String(kind.abciCode), `\`${kind.name}\``], kind.code);
  }
});
