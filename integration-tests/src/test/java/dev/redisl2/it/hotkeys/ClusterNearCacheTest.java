package dev.redisl2.it.hotkeys;

import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link NearCacheTest} on a Redis Cluster of 3 masters with 1 replica each: one subscription per master,
 * region evictions reaching the near cache through the state copies. The outage cases act on a single
 * redis-server and are not repeated here; a master's failover with near caches on is
 * {@code ClusterFailoverWithNearCacheTest}.
 */
@ExtendWith(SharedClusterExtension.class)
class ClusterNearCacheTest extends NearCacheTest {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}

	@Override
	void flushAll_emptiesTheNearCache() {
	}

	@Override
	void whenRedisGoesSilent_theNearCacheIsEmptiedAndBypassed_andStartsEmptyWhenItIsBack() {
	}

	@Override
	void aRedisRestart_emptiesTheNearCache() {
	}
}
