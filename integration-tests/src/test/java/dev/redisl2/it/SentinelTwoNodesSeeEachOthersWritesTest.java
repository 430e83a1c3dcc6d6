package dev.redisl2.it;

import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;

import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TwoNodesSeeEachOthersWritesTest} through Sentinel (one primary, one replica, three sentinels). */
@ExtendWith(SharedSentinelExtension.class)
class SentinelTwoNodesSeeEachOthersWritesTest extends TwoNodesSeeEachOthersWritesTest {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedSentinelExtension.group();
	}
}
