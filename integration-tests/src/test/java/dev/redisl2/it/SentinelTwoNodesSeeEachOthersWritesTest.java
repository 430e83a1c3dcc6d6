package dev.redisl2.it;

import dev.redisl2.support.RedisSentinelProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link TwoNodesSeeEachOthersWritesTest} through Sentinel (one primary, one replica, three sentinels). */
class SentinelTwoNodesSeeEachOthersWritesTest extends TwoNodesSeeEachOthersWritesTest {

	private static RedisSentinelProcess group;

	@BeforeAll
	static void startGroup() {
		group = RedisSentinelProcess.builder().start();
	}

	@AfterAll
	static void stopGroup() {
		if (group != null) {
			group.close();
		}
	}

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return group;
	}
}
