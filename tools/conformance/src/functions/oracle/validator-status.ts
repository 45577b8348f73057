/**
 * The `validator_status` text of the slashing cases, such as `"bonded, not jailed"` or
 * `"unbonded (case 3) or bonded+jailed (case 4)"`, read as one or more validator states.
 */
import type { ValidatorStatus } from '@marketnode/staking';
import { InputError } from '../../inputs.js';

export interface ValidatorState {
  readonly status: ValidatorStatus;
  readonly jailed: boolean;
}

const STATUSES: ReadonlyMap<string, ValidatorStatus> = new Map([
  ['bonded', 'bonded'],
  ['unbonding', 'unbonding'],
  ['unbonded', 'unbonded'],
]);

/**
 * One state: a status word, then optionally `jailed`, `not jailed` or `unjailed` (not jailed when
 * absent), joined by spaces, `,`, `+` or `and`. Parenthesised remarks are ignored.
 */
function parseState(variant: string, description: string): ValidatorState {
  const words = variant
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[\s,+]+/)
    .filter((word) => word !== '' && word !== 'and');
  const status = STATUSES.get(words[0] ?? '');
  const jailText = words.slice(1).join(' ');
  const jailed =
    jailText === 'jailed' ? true : ['', 'not jailed', 'unjailed'].includes(jailText) ? false : undefined;
  if (status === undefined || jailed === undefined) {
    throw new InputError(`validator_status "${description}": cannot read "${variant.trim()}"`);
  }
  return { status, jailed };
}

/** Every state the text names; alternatives are separated by `or`. */
export function parseValidatorStates(description: string): ValidatorState[] {
  return description.split(/\s+or\s+/i).map((variant) => parseState(variant, description));
}
