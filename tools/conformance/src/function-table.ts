/**
 * How a vector's `function` name maps to the implementation: each adapter takes the case's inputs
 * and returns the actual values under the same keys as `expected`. Adapters see the expected object
 * only to learn which keys are asked for when a key itself carries a parameter
 * (`terra_pool_delta_after_block_10`), never to copy values.
 */
import type { Actual } from './compare.js';
import type { JsonObject } from './vector-file.js';

export type ActualRecord = { [key: string]: Actual };
export type Adapter = (inputs: JsonObject, expectedKeys: readonly string[]) => ActualRecord;
export type FunctionTable = Readonly<Record<string, Adapter>>;
