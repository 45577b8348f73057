export {
  POWER_REDUCTION,
  consensusPower,
  isBonded,
  type Validator,
  type ValidatorStatus,
} from './validator.js';
export {
  DEFAULT_MAX_VALIDATORS,
  compareStrings,
  createStakingState,
  totalBondedTokens,
  validatorsByPower,
  type StakingState,
} from './staking-state.js';
export { jail, slash, type SlashContext, type SlashRequest } from './slashing.js';
export { stakingEndBlock } from './end-block.js';
