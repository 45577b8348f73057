/**
 * Histogram buckets for latencies, in seconds (Prometheus base units). The engine answers a swap in
 * well under a millisecond of its own time and a durable commit takes a few milliseconds, so the
 * buckets start at 50 us; they end at 10 s, past any await's timeout, so nothing lands only in +Inf.
 */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
  1, 2.5, 5, 10,
];

/** Buckets for counts per batch (commands in an engine batch, entries per append). */
export const BATCH_SIZE_BUCKETS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
