package dev.redisl2.hibernate.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import redis.clients.jedis.UnifiedJedis;

/**
 * Every provider setting, parsed and validated. Built once per RegionFactory by {@link SettingsReader};
 * immutable, so two SessionFactories in one JVM never share configuration by accident.
 *
 * @param externalClient a client the application supplied and keeps ownership of, or null
 * @param security credentials and TLS material (its toString hides secrets)
 * @param breaker circuit breaker and outage backlog
 * @param hotKeys near cache, single-flight loads and early expiration
 */
public record ProviderSettings(
		Topology topology,
		UnifiedJedis externalClient,
		String keyPrefix,
		int poolMaxTotal,
		Duration connectTimeout,
		Duration socketTimeout,
		Duration defaultTtl,
		double ttlJitter,
		Map<String, Duration> regionTtls,
		Duration lockTimeout,
		Duration tombstoneTtl,
		Duration defaultNegativeTtl,
		Map<String, Duration> regionNegativeTtls,
		List<String> allowedTypes,
		Duration clockSyncInterval,
		java.time.Clock wallClock,
		SecuritySettings security,
		BreakerSettings breaker,
		HotKeySettings hotKeys,
		StorageSettings storage,
		boolean adaptiveReadAhead) {

	public Duration ttlFor(String regionName) {
		return regionTtls.getOrDefault( regionName, defaultTtl );
	}

	public Duration negativeTtlFor(String regionName) {
		return regionNegativeTtls.getOrDefault( regionName, defaultNegativeTtl );
	}

	/** The longest TTL any region can have, jitter included: what the update-timestamps must outlive. */
	public Duration longestTtl() {
		Duration longest = defaultTtl;
		for ( Duration ttl : regionTtls.values() ) {
			if ( ttl.compareTo( longest ) > 0 ) {
				longest = ttl;
			}
		}
		return longest.plusMillis( (long) Math.ceil( longest.toMillis() * ttlJitter ) );
	}
}
