/**
 * Per-request latencies in nanoseconds, kept whole (no histogram buckets) so the percentiles are
 * exact: a run of a million requests is 8 MB.
 */
export const LATENCY_SAMPLES_MAX = 8_000_000;

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export class LatencyRecorder {
  private samplesNs = new Float64Array(1 << 16);
  private length = 0;
  /** Samples past LATENCY_SAMPLES_MAX are counted here and not kept (reported, never silent). */
  dropped = 0;

  get count(): number {
    return this.length;
  }

  record(latencyNs: number): void {
    if (this.length === this.samplesNs.length) {
      if (this.length >= LATENCY_SAMPLES_MAX) {
        this.dropped++;
        return;
      }
      const grown = new Float64Array(Math.min(this.length * 2, LATENCY_SAMPLES_MAX));
      grown.set(this.samplesNs);
      this.samplesNs = grown;
    }
    this.samplesNs[this.length++] = latencyNs;
  }

  /** Nearest-rank percentiles. */
  summary(): LatencySummary {
    const sorted = this.samplesNs.slice(0, this.length).sort();
    const at = (fraction: number): number => {
      if (sorted.length === 0) return Number.NaN;
      const rank = Math.max(1, Math.ceil(fraction * sorted.length));
      return (sorted[rank - 1] as number) / 1e6;
    };
    return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999), maxMs: at(1) };
  }
}
