package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Car;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Country;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.Vehicle;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * (b) What the provider leaves in Redis, read with a raw client: every key lives under the configured
 * prefix, entry keys have the documented shape {@code <prefix>:<region>:{<entry id>}}, and nothing is
 * stored without an expiry.
 */
class KeyLayoutAndTtlTest extends TwoNodeTestBase {

	/** 120 s TTL and 10 % jitter: an entry's PTTL must lie in (0, 132 s]. */
	private static final long TTL_MS = 120_000;
	private static final long MAX_TTL_MS = (long) (TTL_MS * 1.1) + 1_000;

	@Override
	protected Map<String, Object> settings() {
		return Map.of("hibernate.cache.redis.ttl", "120s", "hibernate.cache.redis.ttl_jitter", "0.1");
	}

	private long bookId;
	private long authorId;

	/** Touch every kind of region: entity (3 strategies), collection, natural id, query, timestamps. */
	@BeforeEach
	void populate() {
		long[] ids = fromTx(a, em -> {
			Author au = new Author("Ursula K. Le Guin", new Address("1 Main St", "Portland", "97201"));
			em.persist(au);
			Book bk = new Book("978-0441478125", "The Left Hand of Darkness", new BigDecimal("9.00"),
					LocalDate.of(1969, 3, 1), Genre.FICTION, au);
			em.persist(bk);
			em.persist(new Country("US", "United States"));
			em.persist(new Counter(1L, 0));
			em.persist(new Car(10L, "Fiat", 3));
			return new long[] {bk.getId(), au.getId()};
		});
		bookId = ids[0];
		authorId = ids[1];
		inTx(b, em -> {
			em.find(Author.class, authorId).getBooks().size();
			em.find(Country.class, "US");
			em.find(Vehicle.class, 10L);
			em.unwrap(Session.class).bySimpleNaturalId(Book.class).load("978-0441478125");
			em.createQuery("select b from Book b where b.genre = :g", Book.class)
					.setParameter("g", Genre.FICTION).setHint("org.hibernate.cacheable", true).getResultList();
		});
		inTx(b, em -> em.find(Counter.class, 1L).increment()); // an update: locks and timestamps
	}

	@Test
	void everyKeyLivesUnderThePrefix() {
		Set<String> all = nodes.keys("*");
		assertFalse(all.isEmpty(), "the workload stored nothing in Redis");
		Set<String> foreign = all.stream().filter(k -> !k.startsWith(nodes.prefix() + ":")).collect(Collectors.toSet());
		assertEquals(Set.of(), foreign, "keys outside the configured prefix " + nodes.prefix());
	}

	@Test
	void entryKeysHaveTheDocumentedShape() {
		Pattern entry = nodes.entryKeyPattern();
		Set<String> keys = nodes.keys();
		Set<String> entries = keys.stream().filter(k -> k.contains("{")).collect(Collectors.toSet());
		assertFalse(entries.isEmpty(), "no entry keys at all: " + keys);
		Set<String> bad = entries.stream().filter(k -> !entry.matcher(k).matches()).collect(Collectors.toSet());
		assertEquals(Set.of(), bad, "entry keys not matching " + entry.pattern());

		// one region segment per Hibernate region: the entity's and collection's names appear as such
		String p = nodes.prefix() + ":";
		assertTrue(entries.stream().anyMatch(k -> k.startsWith(p + "dev.redisl2.sample.Book:{")), "Book entries: " + entries);
		assertTrue(entries.stream().anyMatch(k -> k.startsWith(p + "dev.redisl2.sample.Author:{")), "Author entries: " + entries);
		assertTrue(entries.stream().anyMatch(k -> k.startsWith(p + "dev.redisl2.sample.Country:{")), "Country entries: " + entries);
		assertTrue(entries.stream().anyMatch(k -> k.startsWith(p + "dev.redisl2.sample.Author.books:{")),
				"Author.books collection entries: " + entries);
		// the single-table hierarchy shares its root's region
		assertTrue(entries.stream().anyMatch(k -> k.startsWith(p + "dev.redisl2.sample.Vehicle:{")), "Vehicle entries: " + entries);
		assertFalse(entries.stream().anyMatch(k -> k.startsWith(p + "dev.redisl2.sample.Car:")), "Car has no region of its own");
	}

	@Test
	void nonEntryKeysAreRegionMetadata() {
		// keys without '{' are the provider's per-region metadata (e.g. "<prefix>:<region>:~state")
		Pattern meta = Pattern.compile("^" + Pattern.quote(nodes.prefix()) + ":[^:{}]+:[^{}]+$");
		Set<String> bad = nodes.keys().stream().filter(k -> !k.contains("{"))
				.filter(k -> !meta.matcher(k).matches()).collect(Collectors.toSet());
		assertEquals(Set.of(), bad, "keys that are neither entries nor <prefix>:<region>:<name> metadata");
	}

	@Test
	void entryKeysAllHaveATtl() {
		Map<String, Long> noTtl = pttls(true).entrySet().stream().filter(e -> e.getValue() <= 0)
				.filter(e -> !e.getKey().contains(":default-update-timestamps-region:{")) // see below
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
		assertEquals(Map.of(), noTtl, "entry keys without a positive PTTL (-1 = no expiry, -2 = gone)");
	}

	@Test
	void everyEntryKeyHasATtl_andOnlyRegionStateKeysLiveOn() {
		Map<String, Long> noTtl = pttls(false).entrySet().stream().filter(e -> e.getValue() <= 0)
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
		// the documented exception: one small "<prefix>:<region>:~state" key per region, whose loss would
		// only cost one generation of entries, but whose expiry would do so on a timer
		noTtl.keySet().removeIf(k -> k.endsWith(":~state") && !k.contains("{"));
		// and one small hash per written table: an update timestamp must outlive any query result computed
		// before its change, however late that result is put (timestamps.lua, invariant 5)
		noTtl.keySet().removeIf(k -> k.contains(":default-update-timestamps-region:{"));
		assertEquals(Map.of(), noTtl, "keys under the prefix without a positive PTTL (-1 = no expiry)");
		assertTrue(pttls(false).keySet().stream().anyMatch(k -> k.endsWith(":~state")), "no region state key at all");
	}

	@Test
	void entityEntriesExpireWithinTheConfiguredTtl() {
		String p = nodes.prefix() + ":dev.redisl2.sample.";
		Map<String, Long> pttls = pttls(true);
		Map<String, Long> entity = pttls.entrySet().stream()
				.filter(e -> e.getKey().startsWith(p + "Book:{") || e.getKey().startsWith(p + "Author:{")
						|| e.getKey().startsWith(p + "Country:{"))
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, TreeMap::new));
		assertFalse(entity.isEmpty(), "no entity entries: " + pttls.keySet());
		entity.forEach((k, ttl) -> assertTrue(ttl > 0 && ttl <= MAX_TTL_MS,
				k + " has PTTL " + ttl + " ms, expected within (0, " + MAX_TTL_MS + "] for ttl=120s, jitter=0.1"));
	}

	private Map<String, Long> pttls(boolean entriesOnly) {
		Map<String, Long> m = new TreeMap<>();
		for (String k : nodes.keys()) {
			if (!entriesOnly || k.contains("{")) {
				m.put(k, nodes.jedis().pttl(k));
			}
		}
		return m;
	}
}
