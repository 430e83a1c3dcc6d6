package dev.redisl2.it.topology;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ClusterFailoverTest} with a near cache on every region: the killed master's subscription breaks,
 * the near caches are emptied, and the new master is subscribed once the node sees it, so no node serves the
 * value whose update the failover lost from memory either.
 */
class ClusterFailoverWithNearCacheTest extends ClusterFailoverTest {

	@Override
	protected Map<String, Object> settings() {
		Map<String, Object> settings = new HashMap<>( super.settings() );
		settings.put( "hibernate.cache.redis.near_cache.max_entries", "1000" );
		return settings;
	}
}
