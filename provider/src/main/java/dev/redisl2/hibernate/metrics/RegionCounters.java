package dev.redisl2.hibernate.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** One region's events: near-cache hits and invalidations, single-flight waits, early refreshes, refused puts. */
public final class RegionCounters {

	private final LongAdder nearHits = new LongAdder();
	private final LongAdder nearInvalidations = new LongAdder();
	private final LongAdder singleFlightWaits = new LongAdder();
	private final LongAdder earlyRefreshes = new LongAdder();
	private final Map<RefusedPut, LongAdder> refused = new EnumMap<>( RefusedPut.class );

	public RegionCounters() {
		for ( RefusedPut reason : RefusedPut.values() ) {
			refused.put( reason, new LongAdder() );
		}
	}

	public void nearHit() {
		nearHits.increment();
	}

	public void nearInvalidation() {
		nearInvalidations.increment();
	}

	public void singleFlightWait() {
		singleFlightWaits.increment();
	}

	public void earlyRefresh() {
		earlyRefreshes.increment();
	}

	/** Counts the refusal and returns false, so that a caller can {@code return counters.refused( WHY );}. */
	public boolean refused(RefusedPut reason) {
		refused.get( reason ).increment();
		return false;
	}

	public long nearHits() {
		return nearHits.sum();
	}

	public long nearInvalidations() {
		return nearInvalidations.sum();
	}

	public long singleFlightWaits() {
		return singleFlightWaits.sum();
	}

	public long earlyRefreshes() {
		return earlyRefreshes.sum();
	}

	public long refusedCount(RefusedPut reason) {
		return refused.get( reason ).sum();
	}
}
