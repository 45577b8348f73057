/**
 * The bundled demo genesis (four validators, two funded traders, the demo's oracle prices): the
 * default of `marketnode engine`, `marketnode log verify` and `npm start`.
 */
import { fileURLToPath } from 'node:url';

export const DEMO_GENESIS_PATH = fileURLToPath(new URL('../../genesis/demo.json', import.meta.url));
