/** How long a chain of conversion legs may be; the demo needs at most three. */
export const LEGS_PER_DENOM_MAX = 8;
