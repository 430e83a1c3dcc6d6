package dev.redisl2.it;

import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link NaturalIdLookupIsCachedTest} on a Redis Cluster of 3 masters with 1 replica each. */
@ExtendWith(SharedClusterExtension.class)
class ClusterNaturalIdLookupIsCachedTest extends NaturalIdLookupIsCachedTest {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}
}
