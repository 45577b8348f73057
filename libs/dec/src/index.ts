export * from './dec.js';
export { format, parse, tryParse, DecParseError } from './dec-string.js';
export * from './coin.js';
export * from './panics.js';
