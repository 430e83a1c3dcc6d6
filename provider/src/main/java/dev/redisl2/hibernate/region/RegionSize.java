package dev.redisl2.hibernate.region;

import java.util.function.LongSupplier;

import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * How many keys a region holds in Redis, for Hibernate's statistics ({@code getElementCountInMemory}). Counting
 * needs a SCAN of the region's keys, so the cost is bounded twice: a count is reused for a minute, and one
 * count sends at most {@link #MAX_SCANS} SCAN calls of {@link #PER_SCAN} keys (beyond about 100,000 keys in
 * the whole database the figure is a lower bound). On a Cluster, where a SCAN walks one node, it is -1
 * (unknown), as Hibernate's contract allows.
 */
final class RegionSize {

	static final int MAX_SCANS = 100;
	static final int PER_SCAN = 1_000;
	private static final long REUSE_NANOS = 60_000_000_000L;

	private final RegionStorage storage;
	private final LongSupplier nanoTime;
	private volatile long count = -1;
	private volatile long countedAt;
	private volatile boolean counted;

	RegionSize(RegionStorage storage, LongSupplier nanoTime) {
		this.storage = storage;
		this.nanoTime = nanoTime;
	}

	synchronized long count() {
		if ( storage.keys().isClustered() ) {
			return -1;
		}
		if ( counted && nanoTime.getAsLong() - countedAt < REUSE_NANOS ) {
			return count;
		}
		ScanParams match = new ScanParams().match( storage.keys().regionPrefix() + "{*" ).count( PER_SCAN );
		String cursor = ScanParams.SCAN_POINTER_START;
		long found = 0;
		for ( int i = 0; i < MAX_SCANS; i++ ) {
			String from = cursor;
			ScanResult<String> page = storage.context().store().call( "SCAN", c -> c.scan( from, match ) );
			if ( page == null ) {
				return count; // Redis unreachable: the last count, or -1
			}
			found += page.getResult().size();
			cursor = page.getCursor();
			if ( ScanParams.SCAN_POINTER_START.equals( cursor ) ) {
				break;
			}
		}
		count = found;
		countedAt = nanoTime.getAsLong();
		counted = true;
		return found;
	}

}
