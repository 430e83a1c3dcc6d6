package dev.redisl2.it.topology;

import redis.clients.jedis.util.JedisClusterCRC16;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Counter;
import dev.redisl2.support.RedisClusterProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The read path on Redis Cluster: a hit is one {@code MGET} of an entry and its bucket's state copy, in
 * one slot, and the reads of one region spread over every master instead of all touching the master of
 * the region state. Prints the per-master command counts and the latency beside the naive layout (entry
 * and the single state key, which Jedis splits into two MGETs sent one after the other).
 */
@ExtendWith(SharedClusterExtension.class)
class ClusterReadPathTest extends TwoNodeTestBase {

	private static final int READS = 3_000;

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}

	/** A Counter: no natural-id cache, whose check after a load would add a lookup of its own. */
	@Test
	void aHitIsOneMgetInOneSlot() {
		long id = 41L;
		inTx(a, em -> em.persist(new Counter(id, 1)));
		fromTx(a, em -> em.find(Counter.class, id));
		RegionStorage storage = Regions.storage(b, "dev.redisl2.sample.Counter");
		String entryId = "Counter#" + id;
		assertEquals(JedisClusterCRC16.getSlot(storage.key(entryId)), JedisClusterCRC16.getSlot(storage.keys().stateKeyFor(entryId)),
				"entry and state copy share a slot");

		long mgetsBefore = mgetCalls(SharedClusterExtension.cluster()).values().stream().mapToLong(Long::longValue).sum();
		long tripsBefore = Regions.factory(b).store().roundTrips();
		StatsProbe p = StatsProbe.of(b);
		assertNotNull(fromTx(b, em -> em.find(Counter.class, id)));
		assertEquals(1, p.l2Hits(), p.toString());
		assertEquals(0, p.sql(), p.toString());
		long mgets = mgetCalls(SharedClusterExtension.cluster()).values().stream().mapToLong(Long::longValue).sum() - mgetsBefore;
		assertEquals(1, mgets, "one MGET for the hit");
		assertEquals(1, Regions.factory(b).store().roundTrips() - tripsBefore, "one round trip for the hit");
	}

	@Test
	void readsOfOneRegionSpreadOverAllMasters() {
		RedisClusterProcess cluster = SharedClusterExtension.cluster();
		RegionStorage storage = Regions.storage(a, Regions.BOOK);
		storage.lookup("Book#warm"); // creates the region state and its copies
		byte[] value = StoredEntry.value(storage.stateForWrite().generation(), 1, StoredEntry.NO_VERSION,
				StoredEntry.NO_FINGERPRINT, "[]".getBytes());
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < READS; i++) {
			ids.add("Book#" + (500_000 + i));
			storage.set(storage.key(ids.get(i)), value, 600_000);
		}

		Map<Integer, Long> before = mgetCalls(cluster);
		for (String entryId : ids) {
			assertTrue(storage.lookup(entryId).current(), entryId);
		}
		Map<Integer, Long> provider = delta(before, mgetCalls(cluster));

		// the naive layout: the entry and the ONE state key (another slot) in one MGET call
		byte[] stateKey = storage.keys().stateKey();
		before = mgetCalls(cluster);
		try (UnifiedJedis raw = cluster.newClient()) {
			for (String entryId : ids) {
				assertEquals(2, raw.mget(storage.key(entryId), stateKey).size());
			}
		}
		Map<Integer, Long> naive = delta(before, mgetCalls(cluster));

		// latency of the two shapes with the same raw client, after the passes above warmed everything up
		double oneSlotMicros = 0;
		double twoSlotMicros = 0;
		try (UnifiedJedis raw = cluster.newClient()) {
			for (int round = 0; round < 2; round++) {
				long started = System.nanoTime();
				for (String entryId : ids) {
					raw.mget(storage.key(entryId), storage.keys().stateKeyFor(entryId));
				}
				oneSlotMicros = (System.nanoTime() - started) / 1000.0 / READS;
				started = System.nanoTime();
				for (String entryId : ids) {
					raw.mget(storage.key(entryId), stateKey);
				}
				twoSlotMicros = (System.nanoTime() - started) / 1000.0 / READS;
			}
		}
		double providerMicros = 0;
		long started = System.nanoTime();
		for (String entryId : ids) {
			storage.lookup(entryId);
		}
		providerMicros = (System.nanoTime() - started) / 1000.0 / READS;

		System.out.printf("%d reads of one region, MGET calls per master: bucketed state copies %s, single state key %s. "
				+ "Latency per read: entry + copy in one slot %.0f us, entry + state key in two slots %.0f us (raw client), "
				+ "RegionStorage.lookup %.0f us%n", READS, provider, naive, oneSlotMicros, twoSlotMicros, providerMicros);
		for (long calls : provider.values()) {
			assertTrue(calls > READS / 3 * 0.8 && calls < READS / 3 * 1.2, "uneven read load " + provider);
		}
		assertEquals(READS, provider.values().stream().mapToLong(Long::longValue).sum(), "one MGET per read");
		// unless the entry's bucket happens to share the state key's slot (the prefix is random per run)
		int stateSlot = JedisClusterCRC16.getSlot(stateKey);
		long sameSlot = ids.stream().filter(id -> JedisClusterCRC16.getSlot(storage.key(id)) == stateSlot).count();
		assertEquals(2 * READS - sameSlot, naive.values().stream().mapToLong(Long::longValue).sum(), "Jedis splits a cross-slot MGET in two");
	}

	/** What the copies cost: the time of a region eviction (state + 1,024 copies) and the copies' memory. */
	@Test
	void regionEvictionCostAndCopyMemory() {
		RegionStorage storage = Regions.storage(a, Regions.BOOK);
		storage.lookup("Book#warm");
		for (int i = 0; i < 5; i++) {
			assertTrue(storage.evictAll());
		}
		int runs = 20;
		long started = System.nanoTime();
		for (int i = 0; i < runs; i++) {
			assertTrue(storage.evictAll());
		}
		double evictMillis = (System.nanoTime() - started) / 1e6 / runs;
		long bytes = 0;
		for (byte[] copy : storage.keys().stateCopyKeys()) {
			Object usage = nodes.jedis().sendCommand(copy, Protocol.Command.MEMORY, "USAGE".getBytes(), copy);
			bytes += (Long) usage;
		}
		System.out.printf("Region eviction on the cluster (state + %d copies): %.1f ms on average over %d runs; "
				+ "the copies take %d bytes (%d per copy, MEMORY USAGE)%n", storage.keys().stateCopyKeys().size(), evictMillis,
				runs, bytes, bytes / storage.keys().stateCopyKeys().size());
		assertEquals(0, Regions.failures(a));
	}

	/** cmdstat_mget calls per master port. */
	static Map<Integer, Long> mgetCalls(RedisClusterProcess cluster) {
		Map<Integer, Long> calls = new LinkedHashMap<>();
		for (RedisServerProcess master : cluster.masters()) {
			long n = 0;
			for (String line : master.command("INFO", "commandstats").split("\r?\n")) {
				if (line.startsWith("cmdstat_mget:calls=")) {
					n = Long.parseLong(line.substring("cmdstat_mget:calls=".length(), line.indexOf(',')));
				}
			}
			calls.put(master.port(), n);
		}
		return calls;
	}

	private static Map<Integer, Long> delta(Map<Integer, Long> before, Map<Integer, Long> after) {
		Map<Integer, Long> d = new LinkedHashMap<>();
		after.forEach((port, n) -> d.put(port, n - before.getOrDefault(port, 0L)));
		return d;
	}
}
