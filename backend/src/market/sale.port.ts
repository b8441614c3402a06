/**
 * The sale sink as a port other modules may import (the module boundary lets them reach `*.port`
 * files): the chain indexer hands sales through it, the revenue share implements it. The contract
 * itself lives in sale.ts.
 */
export { SALE_SINK, type Sale, type SaleSink } from './sale.js';
