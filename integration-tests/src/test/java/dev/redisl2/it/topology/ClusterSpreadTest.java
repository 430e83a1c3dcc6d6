package dev.redisl2.it.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.support.RedisClusterProcess;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Issue 6, point 2: the entries of ONE region spread over every master. 100,000 Book entries are written
 * through the provider's own storage (the keys it would use for Book#0..99999), then counted per master:
 * each of the 3 holds a third of them, within ±10%.
 */
@ExtendWith(SharedClusterExtension.class)
class ClusterSpreadTest extends TwoNodeTestBase {

	private static final int ENTRIES = 100_000;

	@Override
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return SharedClusterExtension.cluster();
	}

	@Test
	void hundredThousandEntriesOfOneRegionSpreadEvenlyOverThreeMasters() throws Exception {
		RedisClusterProcess cluster = SharedClusterExtension.cluster();
		// a real entry first: Hibernate's key for Book#1 is the one the loop below writes for "Book#1"
		long id = fromTx(a, em -> {
			Book book = new Book("isbn-spread", "Spread", new BigDecimal("1.00"), LocalDate.of(2020, 1, 1),
					dev.redisl2.sample.Genre.FICTION, null);
			em.persist(book);
			return book.getId();
		});
		fromTx(b, em -> em.find(Book.class, id));
		RegionStorage storage = Regions.storage(a, Regions.BOOK);
		String bookKey = new String(storage.key("Book#" + id));
		assertTrue(nodes.regionKeys(Regions.BOOK).contains(bookKey), "Hibernate's Book entry is not at " + bookKey);

		long started = System.nanoTime();
		byte[] value = StoredEntry.value(1, 1, StoredEntry.NO_VERSION, StoredEntry.NO_FINGERPRINT, "[\"spread\"]".getBytes());
		ExecutorService writers = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int first = t;
				done.add(writers.submit(() -> {
					for (int i = first; i < ENTRIES; i += 8) {
						storage.set(storage.key("Book#" + (1_000_000 + i)), value, 600_000);
					}
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		} finally {
			writers.shutdown();
		}
		long writeMillis = (System.nanoTime() - started) / 1_000_000;
		assertEquals(0, Regions.failures(a), "writes failed");

		String pattern = nodes.prefix() + ":" + Regions.BOOK + ":{*";
		Map<String, Integer> perMaster = new LinkedHashMap<>();
		int total = 0;
		for (RedisServerProcess master : cluster.masters()) {
			int count = RedisTarget.of(master).keys(pattern).size();
			perMaster.put(master.host() + ":" + master.port(), count);
			total += count;
		}
		assertEquals(ENTRIES + 1, total, "every entry is on exactly one master");
		double third = total / 3.0;
		StringBuilder figure = new StringBuilder("Spread of " + total + " entries of one region over 3 masters:");
		for (Map.Entry<String, Integer> e : perMaster.entrySet()) {
			figure.append(String.format(" %s=%d (%+.2f%%)", e.getKey(), e.getValue(), 100 * (e.getValue() - third) / third));
		}
		figure.append(String.format("; distinct slots used: %d; written in %d ms through RegionStorage.set (8 threads)",
				distinctSlots(storage), writeMillis));
		System.out.println(figure);
		for (Map.Entry<String, Integer> e : perMaster.entrySet()) {
			double deviation = Math.abs(e.getValue() - third) / third;
			assertTrue(deviation <= 0.10, e.getKey() + " holds " + e.getValue() + " of " + total + ": " + figure);
		}
	}

	private static int distinctSlots(RegionStorage storage) {
		java.util.Set<Integer> slots = new java.util.HashSet<>();
		for (int i = 0; i < ENTRIES; i++) {
			slots.add(JedisClusterCRC16.getSlot(storage.key("Book#" + (1_000_000 + i))));
		}
		return slots.size();
	}
}
