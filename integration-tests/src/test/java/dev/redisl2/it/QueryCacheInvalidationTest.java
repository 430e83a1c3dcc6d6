package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Book;
import dev.redisl2.sample.Country;
import dev.redisl2.sample.Genre;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * (d) A cached query on node A is invalidated by node B's insert, update, delete and bulk HQL update on
 * its table, returns the new rows, and is cacheable again right after (the next run is a hit).
 */
class QueryCacheInvalidationTest extends TwoNodeTestBase {

	private static final String QUERY = "select b from Book b where b.genre = :genre order by b.id";

	private long duneId;
	private long hyperionId;

	@BeforeEach
	void seed() {
		long[] ids = fromTx(a, em -> {
			Book dune = book("isbn-d1", "Dune", "9.99", Genre.FICTION);
			Book hyperion = book("isbn-d2", "Hyperion", "8.50", Genre.FICTION);
			em.persist(dune);
			em.persist(hyperion);
			em.persist(book("isbn-d3", "Cosmos", "15.00", Genre.SCIENCE));
			return new long[] {dune.getId(), hyperion.getId()};
		});
		duneId = ids[0];
		hyperionId = ids[1];
	}

	@Test
	void secondRunIsAQueryCacheHitWithoutSql() {
		StatsProbe first = StatsProbe.of(a);
		assertEquals(List.of("Dune", "Hyperion"), fiction(a));
		assertEquals(1, first.queryMisses(), first.toString());
		assertEquals(1, first.queryPuts(), first.toString());

		assertCachedHit(a, List.of("Dune", "Hyperion"));
		// the other node shares the cached result
		assertCachedHit(b, List.of("Dune", "Hyperion"));
	}

	@Test
	void insertOnOtherNodeInvalidates() {
		warmOnA();
		inTx(b, em -> em.persist(book("isbn-d4", "Ilium", "7.00", Genre.FICTION)));
		assertRecomputedThenCached(List.of("Dune", "Hyperion", "Ilium"));
	}

	@Test
	void updateOnOtherNodeInvalidates() {
		warmOnA();
		inTx(b, em -> em.find(Book.class, hyperionId).setGenre(Genre.POETRY));
		assertRecomputedThenCached(List.of("Dune"));
	}

	@Test
	void updateOfATitleOnOtherNodeIsVisibleThroughTheCachedQuery() {
		warmOnA();
		inTx(b, em -> em.find(Book.class, duneId).setTitle("Dune Messiah"));
		// whether A recomputes or reuses the id list, the entities must carry B's title
		assertEquals(List.of("Dune Messiah", "Hyperion"), fiction(a));
		assertCachedSoon(a, List.of("Dune Messiah", "Hyperion"));
	}

	@Test
	void deleteOnOtherNodeInvalidates() {
		warmOnA();
		inTx(b, em -> em.remove(em.find(Book.class, duneId)));
		assertRecomputedThenCached(List.of("Hyperion"));
	}

	@Test
	void bulkHqlUpdateOnOtherNodeInvalidates() {
		warmOnA();
		assertEquals(new BigDecimal("9.99"), fromTx(a, em -> em.find(Book.class, duneId)).getPrice());
		int updated = fromTx(b, em -> em.createQuery("update Book b set b.price = :p where b.genre = :g")
				.setParameter("p", new BigDecimal("1.00")).setParameter("g", Genre.FICTION).executeUpdate());
		assertEquals(2, updated);

		StatsProbe p = StatsProbe.of(a);
		List<Book> books = fictionBooks(a);
		assertTrue(p.sql() >= 1, "after a bulk update the query must go to the database: " + p);
		assertEquals(List.of(new BigDecimal("1.00"), new BigDecimal("1.00")),
				books.stream().map(Book::getPrice).collect(Collectors.toList()),
				"prices after node B's bulk update (entity region must be invalidated too)");
		assertEquals(new BigDecimal("1.00"), fromTx(a, em -> em.find(Book.class, duneId)).getPrice());
		// cacheable again
		StatsProbe again = StatsProbe.of(a);
		fictionBooks(a);
		assertEquals(1, again.queryHits(), "cacheable again right after: " + again);
	}

	@Test
	void bulkHqlDeleteOnOtherNodeInvalidates() {
		warmOnA();
		int deleted = fromTx(b, em -> em.createQuery("delete from Book b where b.title = :t")
				.setParameter("t", "Hyperion").executeUpdate());
		assertEquals(1, deleted);
		assertRecomputedThenCached(List.of("Dune"));
	}

	@Test
	void writesToAnUnrelatedTableDoNotInvalidate() {
		warmOnA();
		inTx(b, em -> em.persist(new Country("IT", "Italy")));
		assertCachedHit(a, List.of("Dune", "Hyperion"));
	}

	@Test
	void repeatedInvalidationCycles() {
		warmOnA();
		for (int i = 0; i < 5; i++) {
			String title = "Extra " + i;
			inTx(i % 2 == 0 ? b : a, em -> em.persist(book("isbn-x" + title.hashCode(), title, "1.00", Genre.FICTION)));
			List<String> expected = fromTx(a, em -> em.createQuery(
					"select b.title from Book b where b.genre = :genre order by b.id", String.class)
					.setParameter("genre", Genre.FICTION).getResultList());
			assertEquals(expected, fiction(a), "cycle " + i);
			assertEquals(expected, fiction(b), "cycle " + i);
			assertCachedSoon(a, expected);
		}
	}

	// ---------------------------------------------------------------- helpers

	private void warmOnA() {
		assertEquals(List.of("Dune", "Hyperion"), fiction(a));
		assertCachedHit(a, List.of("Dune", "Hyperion"));
	}

	/** After a change: A's first run goes to the database and sees it, its second run is a cache hit. */
	private void assertRecomputedThenCached(List<String> expected) {
		StatsProbe p = StatsProbe.of(a);
		assertEquals(expected, fiction(a), "node A's cached query must see node B's change");
		assertEquals(0, p.queryHits(), "the stale result must not be used: " + p);
		assertTrue(p.sql() >= 1, "recomputed from the database: " + p);
		assertCachedSoon(a, expected);
	}

	/**
	 * Cacheable again right after a change on the other node. "Right after" is bounded by how well the two
	 * nodes' clocks agree: a result computed within that error of the other node's invalidation (tens to
	 * hundreds of µs) is judged against the invalidation and recomputed once more, never served stale.
	 */
	private void assertCachedSoon(EntityManagerFactory emf, List<String> expected) {
		long deadline = System.nanoTime() + 100_000_000L;
		while (true) {
			StatsProbe p = StatsProbe.of(emf);
			assertEquals(expected, fiction(emf));
			if (p.queryHits() == 1 && p.sql() == 0) {
				return;
			}
			assertTrue(System.nanoTime() < deadline, "the query should be cacheable again within 100 ms: " + p);
			try {
				Thread.sleep(2);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}

	private void assertCachedHit(EntityManagerFactory emf, List<String> expected) {
		StatsProbe p = StatsProbe.of(emf);
		assertEquals(expected, fiction(emf));
		assertEquals(1, p.queryHits(), "expected a query cache hit: " + p);
		assertEquals(0, p.sql(), "a query cache hit (with cached entities) needs no SQL: " + p);
	}

	private List<String> fiction(EntityManagerFactory emf) {
		return fictionBooks(emf).stream().map(Book::getTitle).collect(Collectors.toList());
	}

	private List<Book> fictionBooks(EntityManagerFactory emf) {
		return fromTx(emf, em -> em.createQuery(QUERY, Book.class)
				.setParameter("genre", Genre.FICTION)
				.setHint("org.hibernate.cacheable", true)
				.getResultList());
	}

	private static Book book(String isbn, String title, String price, Genre genre) {
		return new Book(isbn, title, new BigDecimal(price), LocalDate.of(2000, 1, 1), genre, null);
	}
}
