package dev.redisl2.it.hotkeys;

import dev.redisl2.it.SharedSentinelExtension;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link NearCacheCases} through Sentinel (one primary, one replica, three sentinels): the invalidation
 * channel follows the primary the sentinels name. A failover with near caches on is
 * {@code SentinelFailoverWithNearCacheTest}.
 */
@ExtendWith(SharedSentinelExtension.class)
class SentinelNearCacheTest extends NearCacheCases {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedSentinelExtension.group();
	}
}
