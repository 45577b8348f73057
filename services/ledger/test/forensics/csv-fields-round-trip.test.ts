// Property: any row of any strings written by the CSV writer reads back field for field, whatever
// commas, quotes and line ends the values hold (amounts never need quoting, rejection messages do).
import t from 'tap';
import fc from 'fast-check';
import { propertyOptions } from '@marketnode/testkit';
import { csvField, csvHeader, csvLine } from '../../src/forensics/csv.js';
import { readCsv } from './support/csv-reader.js';

const awkwardText = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '"', '\n', '\r', ' ', ';', 'é') });

t.test('a written line reads back to the same fields', async (t) => {
  fc.assert(
    fc.property(fc.array(awkwardText, { minLength: 1, maxLength: 8 }), (fields) => {
      const columns = fields.map((_, i) => `c${i}`);
      const row = Object.fromEntries(fields.map((field, i) => [`c${i}`, field]));
      const text = `${csvHeader(columns)}\n${csvLine(columns, row)}\n`;
      const [header, readBack] = readCsv(text);
      return (
        JSON.stringify(header) === JSON.stringify(columns) &&
        JSON.stringify(readBack) === JSON.stringify(fields)
      );
    }),
    propertyOptions(),
  );
  t.pass('every row reads back');
});

t.test('plain values are written as they are, others quoted', async (t) => {
  t.equal(csvField('1000000'), '1000000');
  t.equal(csvField('0.005000000000000000'), '0.005000000000000000');
  t.equal(csvField('spread, fee'), '"spread, fee"');
  t.equal(csvField('say "no"'), '"say ""no"""');
  t.equal(csvLine(['a', 'missing'], { a: 'x' }), 'x,', 'a column the row lacks is empty');
});
