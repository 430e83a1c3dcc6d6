package dev.redisl2.hibernate.config;

import java.time.Duration;
import java.util.Map;

/**
 * The hot-key options of issue #7, each off by default and settable per region: the near cache, single-flight
 * loads and early expiration. A per-region value overrides the global one.
 *
 * @param nearMaxEntries entries the near cache of a region may hold; 0 turns it off
 * @param nearTtl how long a near-cache entry is served at most, however quiet its key
 * @param heartbeat how often the invalidation channel is proven alive; the near cache is bypassed and
 *        emptied when no proof arrived for four heartbeats
 * @param singleFlightWait how long a miss waits for another node's load of the same entry; zero turns it off
 * @param earlyExpirationBeta XFetch's beta (1 is the paper's default; larger refreshes earlier); 0 turns it off
 */
public record HotKeySettings(
		int nearMaxEntries,
		Duration nearTtl,
		Duration heartbeat,
		Duration singleFlightWait,
		double earlyExpirationBeta,
		Map<String, Integer> regionNearMaxEntries,
		Map<String, Duration> regionSingleFlightWaits,
		Map<String, Double> regionEarlyExpirationBetas) {

	public static final HotKeySettings OFF = new HotKeySettings( 0, Duration.ofSeconds( 30 ), Duration.ofMillis( 100 ), Duration.ZERO, 0,
			Map.of(), Map.of(), Map.of() );

	public int nearMaxEntriesFor(String region) {
		return regionNearMaxEntries.getOrDefault( region, nearMaxEntries );
	}

	public Duration singleFlightWaitFor(String region) {
		return regionSingleFlightWaits.getOrDefault( region, singleFlightWait );
	}

	public double earlyExpirationBetaFor(String region) {
		return regionEarlyExpirationBetas.getOrDefault( region, earlyExpirationBeta );
	}

	/** Whether any region has a near cache, so that the invalidation channel is needed at all. */
	public boolean anyNearCache() {
		return nearMaxEntries > 0 || regionNearMaxEntries.values().stream().anyMatch( n -> n > 0 );
	}
}
