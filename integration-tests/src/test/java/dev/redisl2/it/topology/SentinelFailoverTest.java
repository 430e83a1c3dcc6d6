package dev.redisl2.it.topology;

import dev.redisl2.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.region.RegionState;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Counter;
import dev.redisl2.support.RedisSentinelProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, point 4, with Sentinel (one primary, one replica, three sentinels, a password from the URL):
 * the primary is killed while two nodes read and update hot rows; the sentinels promote the replica. As on
 * the cluster ({@link ClusterFailoverTest}), one update is made certain to be lost first, and no node may
 * serve the value it replaced once the new primary answers.
 */
class SentinelFailoverTest extends TwoNodeTestBase {

	private static RedisSentinelProcess group;

	@BeforeAll
	static void startGroup() {
		group = RedisSentinelProcess.builder().password("s3cret").start();
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

	@Override
	protected Map<String, Object> settings() {
		return Map.of("hibernate.cache.redis.failover_check_interval", ClusterFailoverTest.FENCE_INTERVAL);
	}

	@Test
	void primaryKilledDuringATwoNodeWorkload() throws Exception {
		FailoverWorkload workload = new FailoverWorkload(nodes, 24, 8);
		RegionStorage counters = Regions.storage(a, "dev.redisl2.sample.Counter");
		long lostId = workload.probeCounter();
		RedisServerProcess primary = group.primary();
		RedisServerProcess replica = group.replica();
		long generationBefore = generation(counters);

		workload.start(2);
		Thread.sleep(500);

		replica.pause();
		primary.command("CLIENT", "KILL", "TYPE", "replica");
		TwoNodes.inTx(b, em -> em.find(Counter.class, lostId).setValue(1000));
		long killedAt = System.nanoTime();
		primary.kill();
		replica.resume();

		group.awaitFailover(primary, Duration.ofSeconds(60));
		long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
		if (ClusterFailoverTest.FENCE_INTERVAL.endsWith("ms")) {
			Await.until(Duration.ofSeconds(15), () -> generation(counters) > generationBefore, "the failover fence");
		}
		Thread.sleep(1_000); // the workload goes on against the new primary
		workload.stop();

		System.out.printf("Sentinel failover: primary %d killed, replica %d promoted after %d ms; %d operations, "
				+ "%d exceptions reached the application, slowest operation %d ms%n", primary.port(), replica.port(),
				failoverMillis, workload.operations(), workload.errors().size(), workload.slowestMillis());
		assertTrue(workload.errors().isEmpty(), "exceptions reached the application: " + workload.errors());
		assertTrue(workload.operations() > 0);

		assertEquals(1000, TwoNodes.fromTx(a, em -> em.find(Counter.class, lostId)).getValue(),
				"node A serves the value whose update the failover lost");
		assertEquals(Map.of(), workload.staleReads(a), "stale rows on node A");
		assertEquals(Map.of(), workload.staleReads(b), "stale rows on node B");
		StatsProbe p = StatsProbe.of(b);
		TwoNodes.fromTx(b, em -> em.find(Counter.class, lostId));
		assertEquals(1, p.l2Hits(), p.toString());
	}

	private long generation(RegionStorage storage) {
		RegionState state = RegionState.parse(nodes.jedis().get(storage.keys().stateKey()));
		return state == null ? -1 : state.generation();
	}
}
