package dev.redisl2.it.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link SentinelFailoverTest} with a near cache on every region: the channel to the killed primary breaks,
 * the near caches are emptied, and the node subscribes to the primary the sentinels name next, so no node
 * serves the value whose update the failover lost from memory either.
 */
class SentinelFailoverWithNearCacheTest extends SentinelFailoverTest {

	@Override
	protected Map<String, Object> settings() {
		Map<String, Object> settings = new HashMap<>( super.settings() );
		settings.put( "hibernate.cache.redis.near_cache.max_entries", "1000" );
		return settings;
	}
}
