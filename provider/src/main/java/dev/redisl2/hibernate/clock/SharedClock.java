package dev.redisl2.hibernate.clock;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Cache timestamps in microseconds of Redis server time.
 *
 * <p>Every node derives its timestamps from the same source (Redis {@code TIME}) plus its own monotonic
 * clock since the last measurement, so timestamps taken on two nodes are comparable.
 */
/*
 * How it works. sync() asks Redis for TIME a few times and keeps the sample with the shortest round
 * trip: the server's reading happened somewhere inside that round trip, so taking its middle bounds the
 * error by half the round trip (typically well under a millisecond on a LAN). Between syncs the local
 * System.nanoTime() advances the reading; its drift (tens of ppm, i.e. < 1 ms per 30 s) adds to the bound.
 *
 * Why microseconds: Hibernate compares these values and our Lua scripts compare them too. Lua numbers
 * are doubles, exact up to 2^53; microseconds since 1970 stay below that until the year 2255, whereas
 * Hibernate's default (millis << 12) passes it in 2039.
 *
 * Monotonic per node: next() never returns a value twice or goes backwards, even when a resync moves
 * the estimate back; it then waits out the difference by handing out last + 1.
 *
 * When the skew bound is exceeded (a node's clock estimate is off by more than the bound, e.g. Redis
 * unreachable since startup so the node runs on its wall clock), the consequences are those of
 * Hibernate's own timestamp logic with a skewed clock: a node that is behind sees entries written by
 * others as "not yet readable" (misses, never stale data); a node that is ahead lets a load that started
 * before a lock's release pass the "started after unlock" test for up to the skew - the same exposure a
 * single JVM has within its lock timeout. Versioned entities are not affected (versions decide).
 */
public final class SharedClock {

	/** A measurement: Redis time in µs at a local nanoTime, and its uncertainty. */
	private record Base(long redisMicros, long atNanos, long uncertaintyMicros, boolean fromRedis) {
	}

	private final LongSupplier nanoTime;
	private final LongSupplier wallMicros;
	private volatile Base base;
	private final AtomicLong last = new AtomicLong();

	public SharedClock(LongSupplier nanoTime, LongSupplier wallMicros) {
		this.nanoTime = nanoTime;
		this.wallMicros = wallMicros;
		this.base = new Base( wallMicros.getAsLong(), nanoTime.getAsLong(), Long.MAX_VALUE, false );
	}

	/** A clock on this JVM's monotonic time, starting from the given wall clock until it first syncs. */
	public static SharedClock startingFrom(java.time.Clock wallClock) {
		return new SharedClock( System::nanoTime, () -> {
			java.time.Instant now = wallClock.instant();
			return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000L;
		} );
	}

	/** The current time estimate, not necessarily unique. */
	public long now() {
		Base b = base;
		return b.redisMicros + ( nanoTime.getAsLong() - b.atNanos ) / 1000L;
	}

	/** A timestamp strictly greater than every one this clock handed out before. */
	public long next() {
		long now = now();
		return last.updateAndGet( previous -> Math.max( previous + 1, now ) );
	}

	/**
	 * Re-measures the offset to Redis. {@code serverTime} performs one {@code TIME} call and returns
	 * {seconds, microseconds} as strings, or null if Redis did not answer.
	 *
	 * @return true when a measurement was taken
	 */
	public boolean sync(Supplier<List<String>> serverTime, int samples) {
		Base best = null;
		for ( int i = 0; i < samples; i++ ) {
			long before = nanoTime.getAsLong();
			List<String> time = serverTime.get();
			long after = nanoTime.getAsLong();
			if ( time == null || time.size() < 2 ) {
				continue;
			}
			long redisMicros = Long.parseLong( time.get( 0 ) ) * 1_000_000L + Long.parseLong( time.get( 1 ) );
			long halfTripMicros = ( after - before ) / 2000L;
			Base sample = new Base( redisMicros, before + ( after - before ) / 2, halfTripMicros, true );
			if ( best == null || sample.uncertaintyMicros < best.uncertaintyMicros ) {
				best = sample;
			}
		}
		if ( best == null ) {
			return false;
		}
		Base current = base;
		// a measurement taken under load (a slow round trip) must not replace a better one: the old one's
		// error grows only by the local clock's drift since it was taken
		long driftMicros = current.fromRedis ? ( best.atNanos - current.atNanos ) / 1000L * MAX_DRIFT_PPM / 1_000_000L : 0;
		if ( !current.fromRedis || best.uncertaintyMicros <= current.uncertaintyMicros + driftMicros ) {
			base = best;
		}
		return true;
	}

	/** The drift assumed for the local monotonic clock between measurements: generous for quartz (±50 ppm). */
	private static final long MAX_DRIFT_PPM = 100;

	public boolean synced() {
		return base.fromRedis;
	}

	/** Half the round trip of the last measurement, in µs: the bound on this node's offset error at that moment. */
	public long uncertaintyMicros() {
		return base.uncertaintyMicros;
	}

	/** Offset of this node's wall clock from Redis time, in µs (positive: the wall clock is ahead). */
	public long wallClockOffsetMicros() {
		return wallMicros.getAsLong() - now();
	}
}
