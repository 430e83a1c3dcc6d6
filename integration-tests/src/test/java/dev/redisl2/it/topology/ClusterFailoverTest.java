package dev.redisl2.it.topology;

import dev.redisl2.support.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.redis.SlotBuckets;
import dev.redisl2.hibernate.region.RegionState;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Counter;
import dev.redisl2.support.RedisClusterProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, point 4, on Redis Cluster (3 masters, 1 replica each, a password from the URL): a master is
 * killed while two nodes read and update hot rows. The application sees no exception (misses at worst),
 * and once the replica has taken over no node serves a stale row.
 *
 * <p>Right before the kill the test makes one write certain to be lost, the way asynchronous
 * replication loses it: the replica is frozen (SIGSTOP), the master drops its replication link, node B
 * updates {@code Counter#c} (the master acknowledges the soft lock and the new value), the master is
 * killed and the replica thawed; the replica that takes over never saw that update and still holds the
 * value node A cached before. Only the failover fence (a new generation in every region once a replica
 * was promoted) keeps A from serving it.
 */
class ClusterFailoverTest extends TwoNodeTestBase {

	private static RedisClusterProcess cluster;

	@BeforeAll
	static void startCluster() {
		cluster = RedisClusterProcess.builder().password("s3cret").start();
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

	/** Run with {@code -Dredisl2.it.failoverCheckInterval=1h} to watch node A serve the lost update's old value. */
	static final String FENCE_INTERVAL = System.getProperty("redisl2.it.failoverCheckInterval", "500ms");

	@Override
	protected Map<String, Object> settings() {
		return Map.of("hibernate.cache.redis.failover_check_interval", FENCE_INTERVAL);
	}

	@Test
	void masterKilledDuringATwoNodeWorkload() throws Exception {
		FailoverWorkload workload = new FailoverWorkload(nodes, 24, 8);
		RegionStorage counters = Regions.storage(a, "dev.redisl2.sample.Counter");
		// the row whose update will be lost, and the master that holds it
		long lostId = workload.probeCounter();
		RedisServerProcess victim = cluster.masterOf(SlotBuckets.slotOf(SlotBuckets.bucketOf("Counter#" + lostId)));
		RedisServerProcess replica = cluster.replicasOf(victim).get(0);
		long lostValueBefore = TwoNodes.fromTx(a, em -> em.find(Counter.class, lostId)).getValue();
		long generationBefore = generation(counters);

		workload.start(2);
		Thread.sleep(500);

		replica.pause();
		victim.command("CLIENT", "KILL", "TYPE", "replica");
		TwoNodes.inTx(b, em -> em.find(Counter.class, lostId).setValue(lostValueBefore + 1000));
		long killedAt = System.nanoTime();
		victim.kill();
		replica.resume();

		cluster.awaitFailover(victim, Duration.ofSeconds(30));
		long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
		if (FENCE_INTERVAL.endsWith("ms")) {
			Await.until(Duration.ofSeconds(10), () -> generation(counters) > generationBefore, "the failover fence");
		}
		Thread.sleep(1_000); // the workload goes on against the new master
		workload.stop();

		System.out.printf("Cluster failover: master %d killed, replica %d took over after %d ms; %d operations, "
				+ "%d exceptions reached the application, slowest operation %d ms%n", victim.port(), replica.port(),
				failoverMillis, workload.operations(), workload.errors().size(), workload.slowestMillis());
		assertTrue(workload.errors().isEmpty(), "exceptions reached the application: " + workload.errors());
		assertTrue(workload.operations() > 0);

		assertEquals(lostValueBefore + 1000, TwoNodes.fromTx(a, em -> em.find(Counter.class, lostId)).getValue(),
				"node A serves the value whose update the failover lost");
		assertEquals(Map.of(), workload.staleReads(a), "stale rows on node A");
		assertEquals(Map.of(), workload.staleReads(b), "stale rows on node B");
		// and the cache works again: node B hits what node A (or B itself) just cached, once B's transaction
		// begins after the load by more than the two nodes' clock error (read-write readability), and once B's
		// own failover fence has run too (every node starts a new generation when it sees the promotion, checking
		// every FENCE_INTERVAL): so within about one fence interval, not milliseconds
		Await.until(Duration.ofSeconds(3), () -> {
			StatsProbe p = StatsProbe.of(b);
			TwoNodes.fromTx(b, em -> em.find(Counter.class, lostId));
			return p.l2Hits() == 1;
		}, "an L2 hit on node B after the failover");
	}

	private long generation(RegionStorage storage) {
		RegionState state = RegionState.parse(nodes.jedis().get(storage.keys().stateKey()));
		return state == null ? -1 : state.generation();
	}

}
