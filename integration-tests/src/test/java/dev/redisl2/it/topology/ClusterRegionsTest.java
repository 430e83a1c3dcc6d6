package dev.redisl2.it.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.redis.SlotBuckets;
import dev.redisl2.hibernate.region.RegionState;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Region operations on Redis Cluster, where the region state lives in 1,024 bucket copies: eviction and
 * bulk HQL reach every bucket before they return, concurrent evictions leave every copy at the newest
 * generation, a lost copy or a lost state is rebuilt safely, and "not found" markers work as on one Redis.
 */
@ExtendWith(SharedClusterExtension.class)
class ClusterRegionsTest extends TwoNodeTestBase {

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}

	@Override
	protected Map<String, Object> settings() {
		return Map.of("hibernate.cache.redis.negative_ttl", "60s");
	}

	@Test
	void evictEntityDataOnOneNodeHidesTheEntriesOnTheOther() {
		List<Long> ids = books(20);
		readAll(a, ids);
		StatsProbe warm = StatsProbe.of(b);
		readAll(b, ids);
		assertEquals(0, warm.sql(), "B reads A's entries from the cache: " + warm);

		a.getCache().evict(Book.class);
		assertAllCopiesAt(Regions.storage(a, Regions.BOOK));

		StatsProbe p = StatsProbe.of(b);
		readAll(b, ids);
		assertEquals(ids.size(), p.l2Misses(), "every evicted entry is a miss on B: " + p);
		StatsProbe again = StatsProbe.of(b);
		readAll(b, ids);
		assertEquals(ids.size(), again.l2Hits(), "and cached again: " + again);
	}

	@Test
	void bulkHqlUpdateOnBIsSeenByAWhoKeepsReading() throws Exception {
		List<Long> ids = books(10);
		readAll(a, ids);
		CountDownLatch stop = new CountDownLatch(1);
		ExecutorService reader = Executors.newSingleThreadExecutor();
		try {
			Future<Integer> reads = reader.submit(() -> {
				int n = 0;
				while (stop.getCount() > 0) {
					readAll(a, ids);
					n++;
				}
				return n;
			});
			inTx(b, em -> em.createQuery("update Book set price = :p").setParameter("p", new BigDecimal("7.77")).executeUpdate());
			for (long id : ids) {
				assertEquals(new BigDecimal("7.77"), fromTx(a, em -> em.find(Book.class, id)).getPrice(), "Book#" + id);
			}
			stop.countDown();
			assertTrue(reads.get() > 0);
		} finally {
			stop.countDown();
			reader.shutdownNow();
		}
		assertAllCopiesAt(Regions.storage(a, Regions.BOOK));
	}

	@Test
	void evictAllRegionsThenTheQueryCacheRecomputesOnce() {
		books(3);
		String q = "select b.title from Book b where b.genre = :g order by b.id";
		List<String> first = fromTx(a, em -> em.createQuery(q, String.class).setParameter("g", Genre.FICTION)
				.setHint("org.hibernate.cacheable", true).getResultList());
		b.unwrap(SessionFactory.class).getCache().evictAllRegions();
		StatsProbe miss = StatsProbe.of(a);
		assertEquals(first, fromTx(a, em -> em.createQuery(q, String.class).setParameter("g", Genre.FICTION)
				.setHint("org.hibernate.cacheable", true).getResultList()));
		assertEquals(1, miss.queryMisses(), miss.toString());
		StatsProbe hit = StatsProbe.of(b);
		assertEquals(first, fromTx(b, em -> em.createQuery(q, String.class).setParameter("g", Genre.FICTION)
				.setHint("org.hibernate.cacheable", true).getResultList()));
		assertEquals(1, hit.queryHits(), hit.toString());
	}

	@Test
	void concurrentEvictionsLeaveEveryCopyAtTheNewestGeneration() throws Exception {
		books(1);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				var node = t % 2 == 0 ? a : b;
				done.add(pool.submit(() -> {
					for (int i = 0; i < 5; i++) {
						node.getCache().evict(Book.class);
					}
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		} finally {
			pool.shutdown();
		}
		assertAllCopiesAt(Regions.storage(a, Regions.BOOK));
	}

	@Test
	void aLostStateCopyIsRebuiltAndTheEntryStaysAHit() {
		long id = books(1).get(0);
		readAll(a, List.of(id));
		RegionStorage storage = Regions.storage(b, Regions.BOOK);
		nodes.jedis().del(storage.keys().stateKeyFor("Book#" + id));

		StatsProbe p = StatsProbe.of(b);
		readAll(b, List.of(id));
		assertEquals(1, p.l2Hits(), "the copy was rebuilt with the same generation: " + p);
		assertNotNull(nodes.jedis().get(storage.keys().stateKeyFor("Book#" + id)));
	}

	@Test
	void aLostRegionStateStartsANewGenerationInEveryBucket() {
		List<Long> ids = books(5);
		readAll(a, ids);
		RegionStorage storage = Regions.storage(b, Regions.BOOK);
		long before = RegionState.parse(nodes.jedis().get(storage.keys().stateKey())).generation();
		// memory pressure took the state and one copy: the copy is rebuilt from a NEW state
		nodes.jedis().del(storage.keys().stateKey());
		nodes.jedis().del(storage.keys().stateKeyFor("Book#" + ids.get(0)));

		StatsProbe p = StatsProbe.of(b);
		readAll(b, List.of(ids.get(0)));
		assertEquals(1, p.l2Misses(), "the entry of the old generation is a miss: " + p);
		RegionState now = assertAllCopiesAt(storage);
		assertTrue(now.generation() > before, "a new generation");
		// and the region caches again, on both nodes
		readAll(b, ids);
		StatsProbe hits = StatsProbe.of(a);
		readAll(a, ids);
		assertEquals(ids.size(), hits.l2Hits(), hits.toString());
	}

	/**
	 * The copies hold a generation AHEAD of the authoritative state (a node whose clock ran ahead started
	 * it, then a failover lost the state): an eviction must still hide every cached entry.
	 */
	@Test
	void anEvictionMovesPastCopiesThatAreAheadOfALostState() {
		List<Long> ids = books(5);
		readAll(a, ids);
		RegionStorage storage = Regions.storage(a, Regions.BOOK);
		RegionState now = RegionState.parse(nodes.jedis().get(storage.keys().stateKey()));
		long ahead = now.generation() + 3_600_000_000L;
		String aheadState = ahead + " 0 0 " + now.invalidatedAt(); // loads may still be cached
		nodes.jedis().set(storage.keys().stateKey(), aheadState.getBytes());
		for (byte[] copy : storage.keys().stateCopyKeys()) {
			nodes.jedis().set(copy, aheadState.getBytes());
		}
		readAll(a, ids); // old entries are misses now; the reloads are cached under the generation ahead
		StatsProbe cached = StatsProbe.of(b);
		readAll(b, ids);
		assertEquals(ids.size(), cached.l2Hits(), cached.toString());
		nodes.jedis().set(storage.keys().stateKey(), (now.generation() + " 0 0 " + now.generation()).getBytes()); // lost

		b.getCache().evict(Book.class);

		StatsProbe p = StatsProbe.of(a);
		readAll(a, ids);
		assertEquals(ids.size(), p.l2Misses(), "the eviction hid every entry: " + p);
		assertTrue(assertAllCopiesAt(storage).generation() > ahead);
	}

	@Test
	void lookupAllGroupsEntriesByBucket() {
		RegionStorage storage = Regions.storage(a, Regions.BOOK);
		storage.lookup("Book#warm");
		List<String> ids = List.of("Book#900001", "Book#900002", "Book#900003", "Book#900004");
		byte[] value = dev.redisl2.hibernate.entry.StoredEntry.value(storage.stateForWrite().generation(), 1,
				dev.redisl2.hibernate.entry.StoredEntry.NO_VERSION, dev.redisl2.hibernate.entry.StoredEntry.NO_FINGERPRINT, "[]".getBytes());
		for (String id : ids.subList(0, 3)) {
			storage.set(storage.key(id), value, 60_000);
		}
		nodes.jedis().del(storage.keys().stateKeyFor(ids.get(1))); // one bucket lost its copy: repaired on the way
		List<RegionStorage.Lookup> found = storage.lookupAll(ids);
		assertEquals(4, found.size());
		for (int i = 0; i < 3; i++) {
			assertTrue(found.get(i).current(), ids.get(i));
			assertEquals(new String(storage.key(ids.get(i))), new String(found.get(i).key()));
		}
		assertNull(found.get(3).entry(), "absent");
		assertEquals(0, Regions.failures(a));
	}

	@Test
	void notFoundMarkersWorkOnTheCluster() {
		assertNull(fromTx(a, em -> em.find(Counter.class, 77L)));
		StatsProbe p = StatsProbe.of(b);
		assertNull(fromTx(b, em -> em.find(Counter.class, 77L)));
		assertEquals(0, p.sql(), "B trusts A's not-found marker: " + p);

		inTx(b, em -> em.persist(new Counter(77L, 5)));
		assertEquals(5, fromTx(a, em -> em.find(Counter.class, 77L)).getValue());
	}

	// ------------------------------------------------------------------ helpers

	/** Every one of the 1,024 copies holds exactly the authoritative state; returns it. */
	private RegionState assertAllCopiesAt(RegionStorage storage) {
		RegionState state = RegionState.parse(nodes.jedis().get(storage.keys().stateKey()));
		assertNotNull(state, "the region state exists");
		Set<Long> generations = new HashSet<>();
		List<byte[]> copies = storage.keys().stateCopyKeys();
		assertEquals(SlotBuckets.COUNT, copies.size());
		for (byte[] copy : copies) {
			RegionState copied = RegionState.parse(nodes.jedis().get(copy));
			generations.add(copied == null ? -1 : copied.generation());
		}
		assertEquals(Set.of(state.generation()), generations, "every copy is at the region's generation");
		return state;
	}

	private List<Long> books(int n) {
		return fromTx(a, em -> {
			List<Long> ids = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				Book book = new Book("isbn-cr-" + System.nanoTime() + "-" + i, "Book " + i, new BigDecimal("1.00"),
						LocalDate.of(2000, 1, 1), Genre.FICTION, null);
				em.persist(book);
				ids.add(book.getId());
			}
			return ids;
		});
	}

	private static void readAll(jakarta.persistence.EntityManagerFactory node, List<Long> ids) {
		for (long id : ids) {
			assertNotNull(fromTx(node, em -> em.find(Book.class, id)));
		}
	}
}
