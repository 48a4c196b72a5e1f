export interface MeanEstimate {
  n: number;
  /** 0 when n = 0 (nothing to average), like `ratio` in core/stats.ts. */
  mean: number;
  /**
   * Standard error of the mean: sample SD / √n (CLT; Miller 2024, arXiv 2411.00640, eq. 1), or the
   * clustered SE when clusters were given. 0 when it cannot be estimated: n < 2, or fewer than two
   * clusters (check `df` before reading a 0 as "no variation").
   */
  se: number;
  /** Degrees of freedom for a t quantile: n − 1, or clusters − 1 when clustered; 0 when empty. */
  df: number;
  /** Distinct clusters seen, when the accumulator is clustered. */
  clusters?: number;
}

export interface MeanAccumulator {
  /** Throws RangeError for a value that is not finite: one NaN would poison every later estimate. */
  add(value: number, cluster?: string): void;
  estimate(): MeanEstimate;
}

export interface MeanAccumulatorOptions {
  clustered?: boolean;
}

/**
 * Streaming mean and SE in O(1) memory per cluster (never stores values).
 *
 * Unclustered: Welford's algorithm (a cluster passed to `add` is ignored).
 *
 * Clustered (`clustered: true`): every add names a cluster; undefined → the value is its own
 * singleton cluster. SE = sqrt(G/(G−1) · Σ_g (S_g − n_g·x̄)²) / n — Miller 2024 eq. 4 (clustered
 * standard errors) with the CR1 small-sample factor G/(G−1) (Cameron & Miller 2015), which makes it
 * equal the CLT SE (sample variance, n − 1) when every cluster has one item. df = G − 1.
 */
export function createMeanAccumulator(options: MeanAccumulatorOptions = {}): MeanAccumulator {
  return options.clustered === true ? clusteredAccumulator() : welfordAccumulator();
}

interface Welford {
  n: number;
  mean: number;
  /** Σ (x − mean)², kept by Welford's update so 1e6 + 0.1 and 1e6 + 0.2 still differ by 0.1. */
  m2: number;
}

function welfordAdd(state: Welford, value: number): void {
  state.n += 1;
  const before = value - state.mean;
  state.mean += before / state.n;
  state.m2 += before * (value - state.mean);
}

function checkFinite(value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`a mean needs finite values, got ${value}`);
}

function welfordAccumulator(): MeanAccumulator {
  const state: Welford = { n: 0, mean: 0, m2: 0 };
  return {
    add(value) {
      checkFinite(value);
      welfordAdd(state, value);
    },
    estimate() {
      const { n, mean, m2 } = state;
      const se = n < 2 ? 0 : Math.sqrt(m2 / (n - 1) / n);
      return { n, mean, se, df: Math.max(0, n - 1) };
    },
  };
}

function clusteredAccumulator(): MeanAccumulator {
  const all: Welford = { n: 0, mean: 0, m2: 0 };
  // Per named cluster only its size and mean: S_g − n_g·x̄ = n_g·(mean_g − x̄), which subtracts
  // two means instead of two large sums.
  const named = new Map<string, { n: number; mean: number }>();
  // Singletons need no entry each: Σ_i (x_i − x̄)² = M2_s + n_s·(mean_s − x̄)².
  const singletons: Welford = { n: 0, mean: 0, m2: 0 };
  return {
    add(value, cluster) {
      checkFinite(value);
      welfordAdd(all, value);
      if (cluster === undefined) {
        welfordAdd(singletons, value);
        return;
      }
      const group = named.get(cluster) ?? { n: 0, mean: 0 };
      group.n += 1;
      group.mean += (value - group.mean) / group.n;
      named.set(cluster, group);
    },
    estimate() {
      const { n, mean } = all;
      const clusters = named.size + singletons.n;
      if (clusters < 2) return { n, mean, se: 0, df: 0, clusters };
      let scores = singletons.m2 + singletons.n * (singletons.mean - mean) ** 2;
      for (const group of named.values()) scores += (group.n * (group.mean - mean)) ** 2;
      const se = Math.sqrt((clusters / (clusters - 1)) * scores) / n;
      return { n, mean, se, df: clusters - 1, clusters };
    },
  };
}
