/**
 * The bank in a snapshot: one flat entry per (account, denom) holding, sorted by account then
 * denom, and the supplies sorted by denom. Amounts are positive: the bank removes zero balances, so
 * a zero in a snapshot means it was not written by this lib.
 */
import type { BankState } from '@marketnode/bank';
import { compareStrings } from '@marketnode/staking';
import { DecodeError } from '../codec/decode-error.js';
import { denomCodec } from '../codec/domain-codecs.js';
import { fail, recordCodec, textCodec, uintCodec, type Codec } from '../codec/field-codecs.js';
import type { WireValue } from '../codec/wire.js';
import { ACCOUNT_PATTERN, IDENTITY_LENGTH_MAX } from '../limits.js';
import { sortedMapCodec } from './sorted-map-codec.js';

interface Holding {
  readonly account: string;
  readonly denom: string;
  readonly amount: bigint;
}

const positiveAmountCodec: Codec<bigint> = {
  encode: uintCodec.encode,
  write: uintCodec.write,
  decode(wire, path) {
    const amount = uintCodec.decode(wire, path);
    if (amount === 0n) fail(path, 'a positive amount (zero balances are not stored)', wire);
    return amount;
  },
};

const holdingCodec = recordCodec<Holding>({
  account: textCodec({ lengthMax: IDENTITY_LENGTH_MAX, pattern: ACCOUNT_PATTERN }),
  denom: denomCodec,
  amount: positiveAmountCodec,
});

/** Every holding, sorted by account then denom: the one order both encoders use. */
function sortedHoldings(balances: ReadonlyMap<string, ReadonlyMap<string, bigint>>): Holding[] {
  const holdings: Holding[] = [];
  for (const account of [...balances.keys()].sort(compareStrings)) {
    const ofAccount = balances.get(account) as ReadonlyMap<string, bigint>;
    for (const denom of [...ofAccount.keys()].sort(compareStrings)) {
      holdings.push({ account, denom, amount: ofAccount.get(denom) as bigint });
    }
  }
  return holdings;
}

const balancesCodec: Codec<Map<string, Map<string, bigint>>> = {
  encode: (balances) => sortedHoldings(balances).map((holding): WireValue => holdingCodec.encode(holding)),
  write(writer, balances) {
    const holdings = sortedHoldings(balances);
    writer.arrayHeader(holdings.length);
    for (const holding of holdings) holdingCodec.write(writer, holding);
  },
  decode(wire, path) {
    if (!Array.isArray(wire)) fail(path, 'an array of holdings sorted by account and denom', wire);
    const balances = new Map<string, Map<string, bigint>>();
    let previous: Holding | undefined;
    for (let i = 0; i < wire.length; i += 1) {
      const holding = holdingCodec.decode(wire[i], `${path}[${i}]`);
      if (previous !== undefined && compareHoldings(previous, holding) >= 0) {
        throw new DecodeError(
          `${path}[${i}]`,
          'holdings must be sorted by account, then denom, without repeats',
        );
      }
      let holdings = balances.get(holding.account);
      if (holdings === undefined) {
        holdings = new Map();
        balances.set(holding.account, holdings);
      }
      holdings.set(holding.denom, holding.amount);
      previous = holding;
    }
    return balances;
  },
};

function compareHoldings(a: Holding, b: Holding): number {
  return compareStrings(a.account, b.account) || compareStrings(a.denom, b.denom);
}

const supplyCodec = sortedMapCodec<bigint, { readonly denom: string; readonly amount: bigint }>({
  entry: recordCodec({ denom: denomCodec, amount: positiveAmountCodec }),
  toEntry: (denom, amount) => ({ denom, amount }),
  keyOf: (entry) => entry.denom,
  valueOf: (entry) => entry.amount,
});

export const bankCodec: Codec<BankState> = recordCodec<BankState>({
  balances: balancesCodec,
  supply: supplyCodec,
});
