/** The queue of crediting jobs: aggregation sends one per project after each run. */
export const CREDIT_QUEUE = 'rewards.credit';
