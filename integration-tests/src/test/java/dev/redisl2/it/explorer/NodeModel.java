package dev.redisl2.it.explorer;

import dev.redisl2.hibernate.region.RegionState;

/**
 * One simulated JVM: its SharedClock (model time plus a skew and a drift), the region state it last saw
 * (RegionStorage.known), its eviction count and when it learnt it (EvictionWatch), and its lock ids.
 */
final class NodeModel {

	static final long EPOCH = 1_800_000_000_000_000L;

	final String owner;
	private final long skew;
	private final double driftPpm;
	private long last;
	private long lockIds;
	RegionState known;
	String evictedKeys = "-";
	long evictedSince;

	NodeModel(int index, long skew, double driftPpm) {
		this.owner = "n" + index;
		this.skew = skew;
		this.driftPpm = driftPpm;
	}

	/** SharedClock.now at model time t (µs since the world began). */
	long now(long t) {
		return EPOCH + t + skew + (long) ( t * driftPpm / 1_000_000 );
	}

	/** SharedClock.next: unique and monotonic per node. */
	long next(long t) {
		last = Math.max( last + 1, now( t ) );
		return last;
	}

	String nextLockId() {
		return Long.toString( ++lockIds );
	}

	/** RegionStorage.remember: generations only grow. */
	void remember(RegionState state) {
		if ( state != null && ( known == null || state.generation() >= known.generation() ) ) {
			known = state;
		}
	}

	/** EvictionWatch.observed: keeps the older time when the count did not change. */
	void observed(String count, long now) {
		if ( !evictedKeys.equals( count ) ) {
			evictedKeys = count;
			evictedSince = now;
		}
	}
}
