package dev.redisl2.it.hotkeys;

import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link NearCacheCases} on a Redis Cluster of 3 masters with 1 replica each: one subscription per master,
 * region evictions reaching the near cache through the state copies. A master's failover with near caches
 * on is {@code ClusterFailoverWithNearCacheTest}.
 */
@ExtendWith(SharedClusterExtension.class)
class ClusterNearCacheTest extends NearCacheCases {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}
}
