package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Country;
import dev.redisl2.sample.Genre;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** (a) Once an entity has been loaded, later reads in new EntityManagers are L2 hits with no SQL. */
class SecondReadIsCacheHitTest extends TwoNodeTestBase {

	@Test
	void readWriteVersionedBook() {
		long id = fromTx(a, em -> {
			Book bk = new Book("isbn-a1", "Solaris", new BigDecimal("12.30"), LocalDate.of(1961, 6, 1), Genre.FICTION, null);
			em.persist(bk);
			return bk.getId();
		});
		evictAll();

		StatsProbe first = StatsProbe.of(a);
		Book loaded = fromTx(a, em -> em.find(Book.class, id));
		assertEquals("Solaris", loaded.getTitle());
		assertTrue(first.sql() >= 1, "first read after eviction goes to the database: " + first);
		assertTrue(first.l2Puts() >= 1, "first read puts the entity in the cache: " + first);

		StatsProbe second = StatsProbe.of(a);
		Book again = fromTx(a, em -> em.find(Book.class, id));
		assertEquals("Solaris", again.getTitle());
		assertEquals(new BigDecimal("12.30"), again.getPrice());
		assertEquals(LocalDate.of(1961, 6, 1), again.getPublished());
		assertEquals(Genre.FICTION, again.getGenre());
		assertEquals("isbn-a1", again.getIsbn());
		assertEquals(loaded.getVersion(), again.getVersion());
		assertEquals(1, second.l2Hits(), "second read is one L2 hit: " + second);
		assertEquals(0, second.l2Misses(), second.toString());
		assertEquals(0, second.sql(), "second read runs no SQL: " + second);
	}

	@Test
	void nonstrictAuthorWithEmbeddable() {
		long id = fromTx(a, em -> {
			Author au = new Author("Stanislaw Lem", new Address("ul. Narwik 21", "Krakow", "30-437"));
			em.persist(au);
			return au.getId();
		});
		fromTx(a, em -> em.find(Author.class, id)); // NONSTRICT inserts are not cached: this read caches it

		StatsProbe p = StatsProbe.of(a);
		Author au = fromTx(a, em -> em.find(Author.class, id));
		assertEquals("Stanislaw Lem", au.getName());
		assertEquals("Krakow", au.getAddress().getCity());
		assertEquals("30-437", au.getAddress().getZip());
		assertEquals("ul. Narwik 21", au.getAddress().getStreet());
		assertEquals(1, p.l2Hits(), p.toString());
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void readOnlyCountry() {
		inTx(a, em -> em.persist(new Country("PL", "Poland")));
		evictAll();
		fromTx(a, em -> em.find(Country.class, "PL"));

		StatsProbe p = StatsProbe.of(a);
		Country c = fromTx(a, em -> em.find(Country.class, "PL"));
		assertEquals("Poland", c.getName());
		assertEquals(1, p.l2Hits(), p.toString());
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void readWriteUnversionedCounter() {
		inTx(a, em -> em.persist(new Counter(7L, 41)));
		evictAll();
		fromTx(a, em -> em.find(Counter.class, 7L));

		StatsProbe p = StatsProbe.of(a);
		Counter c = fromTx(a, em -> em.find(Counter.class, 7L));
		assertEquals(41, c.getValue());
		assertEquals(1, p.l2Hits(), p.toString());
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void manyReadsManyHits() {
		long id = fromTx(a, em -> {
			Book bk = new Book("isbn-a2", "Fiasco", new BigDecimal("5.00"), LocalDate.of(1986, 1, 1), Genre.FICTION, null);
			em.persist(bk);
			return bk.getId();
		});
		fromTx(a, em -> em.find(Book.class, id));
		StatsProbe p = StatsProbe.of(a);
		for (int i = 0; i < 20; i++) {
			assertNotNull(fromTx(a, em -> em.find(Book.class, id)));
		}
		assertEquals(20, p.l2Hits(), p.toString());
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void aMissingIdLaterInsertedByTheOtherNodeIsFound() {
		StatsProbe p = StatsProbe.of(a);
		assertNull(fromTx(a, em -> em.find(Counter.class, 99L)));
		assertTrue(p.sql() >= 1, "a missing id is looked up in the database: " + p);
		inTx(b, em -> em.persist(new Counter(99L, 1)));
		Counter c = fromTx(a, em -> em.find(Counter.class, 99L));
		assertNotNull(c, "node A must see the row node B inserted");
		assertEquals(1, c.getValue());
	}
}
