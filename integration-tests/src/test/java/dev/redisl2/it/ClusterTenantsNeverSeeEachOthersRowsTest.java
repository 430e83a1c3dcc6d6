package dev.redisl2.it;

import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TenantsNeverSeeEachOthersRowsTest} on a Redis Cluster of 3 masters with 1 replica each. */
@ExtendWith(SharedClusterExtension.class)
class ClusterTenantsNeverSeeEachOthersRowsTest extends TenantsNeverSeeEachOthersRowsTest {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}
}
