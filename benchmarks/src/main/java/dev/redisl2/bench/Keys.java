package dev.redisl2.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Ids to look up: uniform over 1..n, or Zipf-skewed (rank r has weight 1/r^s; id r is the r-th hottest). */
abstract class Keys {

	abstract long next(SplittableRandom random);

	static Keys uniform(long n) {
		return new Keys() {
			@Override
			long next(SplittableRandom random) {
				return 1 + random.nextLong( n );
			}
		};
	}

	static Keys zipf(int n, double exponent) {
		double[] cdf = new double[n];
		double sum = 0;
		for ( int rank = 1; rank <= n; rank++ ) {
			sum += 1.0 / Math.pow( rank, exponent );
			cdf[rank - 1] = sum;
		}
		for ( int i = 0; i < n; i++ ) {
			cdf[i] /= sum;
		}
		return new Keys() {
			@Override
			long next(SplittableRandom random) {
				int at = Arrays.binarySearch( cdf, random.nextDouble() );
				return 1 + ( at >= 0 ? at : Math.min( n - 1, -at - 1 ) );
			}
		};
	}

	/** Uniform over the ids i in 1..n with (i - 1) % slices == slice: a configuration's own rows to update. */
	static Keys slice(long n, int slice, int slices) {
		long count = ( n - slice + slices - 1 ) / slices;
		return new Keys() {
			@Override
			long next(SplittableRandom random) {
				return 1 + slice + slices * random.nextLong( count );
			}
		};
	}
}
