/**
 * Every module's params in a snapshot, read back through the module's own validation: a snapshot
 * restores only params the core would have accepted at genesis.
 */
import { validateMarketParams, type MarketParams } from '@marketnode/market';
import { validateOracleParams, type OracleParams, type WhitelistItem } from '@marketnode/oracle';
import { validateReserveParams, type ReserveParams, type ReserveSideParams } from '@marketnode/reserve';
import { DecodeError } from '../codec/decode-error.js';
import { denomCodec } from '../codec/domain-codecs.js';
import {
  booleanCodec,
  decCodec,
  listCodec,
  recordCodec,
  smallUintCodec,
  uint64Codec,
  uintCodec,
  type Codec,
} from '../codec/field-codecs.js';

function validated<T>(codec: Codec<T>, validate: (value: T) => string[]): Codec<T> {
  return {
    encode: codec.encode,
    write: codec.write,
    decode(wire, path) {
      const value = codec.decode(wire, path);
      const problems = validate(value);
      if (problems.length > 0) throw new DecodeError(path, `invalid params: ${problems.join('; ')}`);
      return value;
    },
  };
}

export const marketParamsCodec = validated(
  recordCodec<MarketParams>({
    basePool: decCodec,
    poolRecoveryPeriod: uint64Codec,
    minStabilitySpread: decCodec,
    zeroSwapCoinCheck: booleanCodec,
  }),
  validateMarketParams,
);

export const oracleParamsCodec = validated(
  recordCodec<OracleParams>({
    votePeriod: uint64Codec,
    voteThreshold: decCodec,
    rewardBand: decCodec,
    rewardDistributionWindow: uint64Codec,
    whitelist: listCodec(recordCodec<WhitelistItem>({ name: denomCodec, tobinTax: decCodec })),
    slashFraction: decCodec,
    slashWindow: uint64Codec,
    minValidPerWindow: decCodec,
    saltLengthMax: smallUintCodec,
  }),
  validateOracleParams,
);

/** The reserve's periods are not bounded to 64 bits by its validation, so they travel as text. */
const reserveSideCodec = recordCodec<ReserveSideParams>({
  basePool: decCodec,
  poolRecoveryPeriod: uintCodec,
  minSpread: decCodec,
});

export const reserveParamsCodec = validated(
  recordCodec<ReserveParams>({
    entry: reserveSideCodec,
    exit: reserveSideCodec,
    dailyRedemptionCapFraction: decCodec,
    blocksPerDay: uintCodec,
    btcDenom: denomCodec,
    ustDenom: denomCodec,
  }),
  validateReserveParams,
);
