package dev.redisl2.it.hotkeys;

import dev.redisl2.support.RedisSentinelProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link NearCacheTest} through Sentinel (one primary, one replica, three sentinels): the invalidation
 * channel follows the primary the sentinels name. The outage cases act on a single redis-server and are not
 * repeated here; a failover with near caches on is {@code SentinelFailoverWithNearCacheTest}.
 */
class SentinelNearCacheTest extends NearCacheTest {

	private static RedisSentinelProcess group;

	@BeforeAll
	static void startGroup() {
		group = RedisSentinelProcess.builder().start();
	}

	@AfterAll
	static void stopGroup() {
		if ( group != null ) {
			group.close();
		}
	}

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return group;
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
