/**
 * The default data directory of `marketnode engine`, the log commands and `npm start`. The engine
 * keeps its LMDB log environment there (data.mdb and lock.mdb).
 */
export const DATA_DIR_DEFAULT = '.marketnode/data';
