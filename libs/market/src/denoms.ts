/**
 * The denoms the market treats specially (spec §1): LUNA is the reserve asset every Terra denom is
 * priced against, and SDR is the unit of the virtual pools, through which every conversion passes.
 */
export const LUNA_DENOM = 'uluna';
export const SDR_DENOM = 'usdr';

/** Micro units per whole unit (`MicroUnit`): 1 LUNA = 10^6 uluna. */
export const MICRO_UNIT = 1_000_000n;
