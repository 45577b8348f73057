/**
 * What a node starts from: every module's params and initial state, the validators with their
 * stake, and the initial balances. Typed values (Dec, bigint); reading a genesis file into this
 * shape, with its validation, belongs to the engine's edge.
 */
import type { Dec } from '@marketnode/dec';
import type { MarketParams } from '@marketnode/market';
import type { OracleParams } from '@marketnode/oracle';
import type { ReserveParams } from '@marketnode/reserve';

export interface GenesisValidator {
  /** Operator (valoper) address. */
  readonly operator: string;
  /** The operator's own account: its default feeder. */
  readonly account: string;
  /** Bonded stake in uluna; voting power is tokens / 10^6. */
  readonly tokens: bigint;
}

export interface GenesisBalance {
  readonly account: string;
  readonly denom: string;
  readonly amount: bigint;
}

export interface NodeGenesis {
  readonly market: { readonly params: MarketParams; readonly terraPoolDelta?: Dec };
  readonly oracle: {
    readonly params: OracleParams;
    /** Rates in force before the first tally (none in the reference's genesis). */
    readonly exchangeRates?: ReadonlyMap<string, Dec>;
  };
  readonly reserve: {
    readonly params: ReserveParams;
    /** The reserve's starting inventory, in its BTC and UST denoms. */
    readonly inventoryBtc: bigint;
    readonly inventoryUst: bigint;
  };
  readonly validators: readonly GenesisValidator[];
  /** `MaxValidators` of the active set. */
  readonly maxValidators?: number;
  readonly balances: readonly GenesisBalance[];
}
