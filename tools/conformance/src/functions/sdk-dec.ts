/** Adapters for the `sdk_dec` functions: Dec arithmetic, rounding, text. */
import { Decimal } from 'decimal.js';
import * as dec from '@marketnode/dec';
import type { Actual } from '../compare.js';
import type { ActualRecord, FunctionTable } from '../function-table.js';
import { decimal, integer, InputError, list } from '../inputs.js';
import type { Json, JsonObject } from '../vector-file.js';

const show = dec.format;

/** Runs `operation`, turning a reference panic into the value `{ panic: true }`. */
function orPanic(operation: () => Actual): Actual {
  try {
    return operation();
  } catch (error) {
    if (error instanceof dec.DecPanic) return { panic: true };
    throw error;
  }
}

function parsedValues(inputs: JsonObject, key: string): dec.Dec[] {
  return list(inputs, key).map((value) => {
    if (typeof value !== 'string') throw new InputError(`input "${key}" must hold decimal strings`);
    return dec.parse(value);
  });
}

const BINARY_OPERATIONS: Readonly<Record<string, (a: dec.Dec, b: dec.Dec) => dec.Dec>> = {
  add: dec.add,
  sub: dec.sub,
  mul: dec.mul,
  mul_truncate: dec.mulTruncate,
  mulTruncate: dec.mulTruncate,
  quo: dec.quo,
  quo_truncate: dec.quoTruncate,
  quoTruncate: dec.quoTruncate,
  quo_round_up: dec.quoRoundUp,
  quoRoundUp: dec.quoRoundUp,
};

function binaryOperation(name: string): (a: dec.Dec, b: dec.Dec) => dec.Dec {
  const operation = BINARY_OPERATIONS[name];
  if (operation === undefined) throw new InputError(`unknown Dec operation "${name}"`);
  return operation;
}

/** Evaluates a chain such as `n1.mul(n2).quo(n2)` over named operands. */
function evaluateChain(chain: string, operands: ReadonlyMap<string, dec.Dec>): dec.Dec {
  const match = /^([a-z0-9_]+)((?:\.[a-zA-Z_]+\([a-z0-9_]+\))+)$/.exec(chain);
  const first = match === null ? undefined : operands.get(match[1] as string);
  if (match === null || first === undefined) throw new InputError(`cannot evaluate "${chain}"`);
  let result = first;
  for (const step of (match[2] as string).matchAll(/\.([a-zA-Z_]+)\(([a-z0-9_]+)\)/g)) {
    const operand = operands.get(step[2] as string);
    if (operand === undefined) throw new InputError(`unknown operand "${step[2]}" in "${chain}"`);
    result = binaryOperation(step[1] as string)(result, operand);
  }
  return result;
}

function arithmetic(inputs: JsonObject, expectedKeys: readonly string[]): ActualRecord {
  const a = decimal(inputs, 'd1');
  const b = decimal(inputs, 'd2');
  const actual: ActualRecord = {};
  for (const key of expectedKeys) {
    const quoInt = /^quo_int64_by_([0-9]+)$/.exec(key);
    if (quoInt !== null) {
      actual[key] = orPanic(() => show(dec.quoInt(a, BigInt(quoInt[1] as string))));
    } else if (key in BINARY_OPERATIONS) {
      actual[key] = orPanic(() => show(binaryOperation(key)(a, b)));
    }
  }
  return actual;
}

/** Dec.Quo, plus what an exact half-even division would give (computed independently with decimal.js). */
function quotient(inputs: JsonObject): ActualRecord {
  const a = decimal(inputs, 'd1');
  const b = decimal(inputs, 'd2');
  const result = orPanic(() => show(dec.quo(a, b)));
  if (typeof result !== 'string') return { panic: true };
  const Exact = Decimal.clone({ precision: 200 });
  const exactScaled = new Exact(a.toString())
    .times(dec.SCALE.toString())
    .div(b.toString())
    .toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  return {
    quo: result,
    panic: false,
    exact_half_even_would_give: show(dec.fromScaled(BigInt(exactScaled.toFixed(0)))),
  };
}

/** An integer conversion over a list, and whether it is odd-symmetric in the sign. */
function integerConversion(key: string, convert: (d: dec.Dec) => bigint) {
  return (inputs: JsonObject): ActualRecord => {
    const values = parsedValues(inputs, 'values');
    const results = values.map(convert);
    const symmetric = values.every((v, i) => convert(dec.neg(v)) === -(results[i] as bigint));
    return { [key]: results, negated_inputs_give_negated_results: symmetric };
  };
}

function newDecFromStr(inputs: JsonObject): ActualRecord {
  const texts = [...list(inputs, 'valid'), ...list(inputs, 'invalid')].filter(
    (value): value is string => typeof value === 'string',
  );
  const parses: Record<string, Actual> = {};
  const canonical: Record<string, Actual> = {};
  for (const candidate of texts) {
    const parsed = dec.tryParse(candidate);
    parses[candidate] = parsed !== undefined;
    if (parsed !== undefined) canonical[candidate] = show(parsed);
  }
  return { parses, canonical };
}

function withPrecision(pair: Json): string {
  const [value, precision] = Array.isArray(pair) ? pair : [];
  if ((typeof value !== 'number' && typeof value !== 'bigint') || typeof precision !== 'number') {
    throw new InputError('values_as_NewDecWithPrec must hold [integer, precision] pairs');
  }
  return show(dec.fromIntWithPrec(BigInt(value), precision));
}

function mulPairs(inputs: JsonObject): ActualRecord {
  const mul = list(inputs, 'pairs').map((pair) => {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      throw new InputError('pairs must hold [decimal, decimal]');
    }
    return show(dec.mul(dec.parse(pair[0]), dec.parse(pair[1])));
  });
  return { mul };
}

function operationChains(inputs: JsonObject, expectedKeys: readonly string[]): ActualRecord {
  const operands = new Map<string, dec.Dec>();
  for (const name of Object.keys(inputs)) operands.set(name, dec.fromInt(integer(inputs, name)));
  const actual: ActualRecord = {};
  for (const key of expectedKeys) actual[key] = show(evaluateChain(key, operands));
  return actual;
}

export const SDK_DEC_FUNCTIONS: FunctionTable = {
  'Dec arithmetic': arithmetic,
  'Dec.Quo*/QuoInt64': arithmetic,
  'Dec.Quo': quotient,
  'Dec.Mul': mulPairs,
  'Dec.Mul/Quo': operationChains,
  'Dec.RoundInt64': integerConversion('round_int', dec.roundInt),
  'Dec.TruncateInt64': integerConversion('truncate_int', dec.truncateInt),
  'Dec.Ceil': (inputs) => ({
    ceil: parsedValues(inputs, 'values').map((v) => dec.truncateInt(dec.ceil(v)).toString()),
  }),
  'Dec.String': (inputs) => ({ strings: list(inputs, 'values_as_NewDecWithPrec').map(withPrecision) }),
  NewDecFromStr: newDecFromStr,
};
