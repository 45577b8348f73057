export type { GenesisBalance, GenesisValidator, NodeGenesis } from './genesis.js';
export { createNodeState, pricesOf, type NodeState } from './node-state.js';
export { endBlock, type NodeEndBlockReport } from './end-block.js';
