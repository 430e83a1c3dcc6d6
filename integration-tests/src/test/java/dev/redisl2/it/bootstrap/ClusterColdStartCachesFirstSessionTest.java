package dev.redisl2.it.bootstrap;

import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ColdStartCachesFirstSessionTest} on a Redis Cluster of 3 masters: the region states and their
 * per-bucket copies are written in one pipeline each, one round trip per master.
 */
@ExtendWith(SharedClusterExtension.class)
class ClusterColdStartCachesFirstSessionTest extends ColdStartCachesFirstSessionTest {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}
}
