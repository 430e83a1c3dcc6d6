package dev.redisl2.it.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.redis.SlotBuckets;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.support.RedisClusterProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, point 5: slots move between masters ({@code redis-cli --cluster reshard}: MIGRATE of every
 * key, MOVED and ASK redirections for the clients) while two nodes read and update hot rows. No exception
 * reaches the application, no row is served stale afterwards, and region evictions during and after the
 * move reach every bucket.
 */
class ClusterReshardTest extends TwoNodeTestBase {

	private static RedisClusterProcess cluster;

	@BeforeAll
	static void startCluster() {
		cluster = RedisClusterProcess.builder().replicas(0).start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return cluster;
	}

	@Test
	void slotsMoveBetweenMastersDuringATwoNodeWorkload() throws Exception {
		FailoverWorkload workload = new FailoverWorkload(nodes, 24, 8);
		// move slots away from the master of the probe row, so that hot entries and their state copies move
		RedisServerProcess from = cluster.masterOf(SlotBuckets.slotOf(SlotBuckets.bucketOf("Counter#" + workload.probeCounter())));
		List<RedisServerProcess> masters = cluster.masters();
		RedisServerProcess to = masters.get((masters.indexOf(from) + 1) % masters.size());
		long keysBefore = cluster.keyCount(from);

		workload.start(2);
		Thread.sleep(300);
		long started = System.nanoTime();
		cluster.reshard(from, to, 1000);
		long movedMillis = (System.nanoTime() - started) / 1_000_000;
		a.getCache().evict(dev.redisl2.sample.Counter.class); // a region operation right after the move
		cluster.reshard(to, from, 500);
		Thread.sleep(300);
		workload.stop();
		cluster.awaitStable(Duration.ofSeconds(20));

		long failures = Regions.failures(a) + Regions.failures(b);
		System.out.printf("Cluster reshard: 1000 slots (of a master holding %d keys) moved in %d ms, then 500 back, "
				+ "during %d operations: %d exceptions reached the application, %d Redis calls failed (served as misses), "
				+ "slowest operation %d ms%n", keysBefore, movedMillis, workload.operations(), workload.errors().size(), failures,
				workload.slowestMillis());
		assertTrue(workload.errors().isEmpty(), "exceptions reached the application: " + workload.errors());
		assertTrue(workload.operations() > 0);
		assertEquals(Map.of(), workload.staleReads(a), "stale rows on node A");
		assertEquals(Map.of(), workload.staleReads(b), "stale rows on node B");
	}
}
