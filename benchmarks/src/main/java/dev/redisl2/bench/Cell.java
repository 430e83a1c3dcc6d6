package dev.redisl2.bench;

import java.util.Arrays;

import org.HdrHistogram.Histogram;

/**
 * The result of one configuration in one (database, workload, threads) cell: throughput of each measured
 * round, latencies over all rounds, and per-operation counts of Redis round trips, Redis commands and
 * SQL statements (NaN where the configuration has no Redis).
 */
record Cell(String db, Workload workload, int threads, ContenderKind kind, double[] roundOpsPerSecond,
		Histogram latencies, long ops, long errors, double roundTripsPerOp, double commandsPerOp,
		double statementsPerOp, double clientRoundTripsPerOp, String firstError) {

	/** Median of the rounds' throughputs. */
	double opsPerSecond() {
		double[] sorted = roundOpsPerSecond.clone();
		Arrays.sort( sorted );
		int n = sorted.length;
		return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : ( sorted[n / 2 - 1] + sorted[n / 2] ) / 2;
	}

	double minOpsPerSecond() {
		return Arrays.stream( roundOpsPerSecond ).min().orElse( 0 );
	}

	double maxOpsPerSecond() {
		return Arrays.stream( roundOpsPerSecond ).max().orElse( 0 );
	}

	double p50Micros() {
		return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile( 50 ) / 1000.0;
	}

	double p99Micros() {
		return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile( 99 ) / 1000.0;
	}
}
