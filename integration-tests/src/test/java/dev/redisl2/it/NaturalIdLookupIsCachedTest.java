package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * (g) {@code bySimpleNaturalId(Book.class).load(isbn)}: the second lookup is served by the natural-id
 * cache (and the entity cache) without SQL, on either node; when node B changes the (mutable) natural
 * id, node A finds the book under the new isbn and no longer under the old one.
 */
class NaturalIdLookupIsCachedTest extends TwoNodeTestBase {

	private long id;

	@BeforeEach
	void seed() {
		id = fromTx(a, em -> {
			Book bk = new Book("978-0-00-000001-1", "Neuromancer", new BigDecimal("9.00"),
					LocalDate.of(1984, 7, 1), Genre.FICTION, null);
			em.persist(bk);
			return bk.getId();
		});
		evictAll(); // start cold: the insert may already have cached the natural id
	}

	@Test
	void secondLookupIsServedFromTheCache() {
		StatsProbe first = StatsProbe.of(a);
		Book bk = byIsbn(a, "978-0-00-000001-1");
		assertNotNull(bk);
		assertEquals(id, bk.getId());
		assertTrue(first.sql() >= 1, "cold lookup goes to the database: " + first);

		StatsProbe second = StatsProbe.of(a);
		Book again = byIsbn(a, "978-0-00-000001-1");
		assertEquals("Neuromancer", again.getTitle());
		assertTrue(second.naturalIdHits() >= 1, "natural-id cache hit expected: " + second);
		assertEquals(0, second.naturalIdMisses(), second.toString());
		assertEquals(0, second.sql(), "natural id and entity both from the cache: " + second);
	}

	@Test
	void otherNodeSharesTheResolution() {
		byIsbn(a, "978-0-00-000001-1");
		StatsProbe p = StatsProbe.of(b);
		Book bk = byIsbn(b, "978-0-00-000001-1");
		assertEquals(id, bk.getId());
		assertTrue(p.naturalIdHits() >= 1, "node B should hit the natural-id cache filled by node A: " + p);
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void changedNaturalIdOnOtherNodeIsFollowed() {
		byIsbn(a, "978-0-00-000001-1");
		byIsbn(a, "978-0-00-000001-1");
		byIsbn(b, "978-0-00-000001-1");

		inTx(b, em -> em.find(Book.class, id).setIsbn("978-0-00-000002-2"));

		Book byNew = byIsbn(a, "978-0-00-000002-2");
		assertNotNull(byNew, "node A does not find the book under its new isbn");
		assertEquals(id, byNew.getId());
		assertEquals("978-0-00-000002-2", byNew.getIsbn());
		assertNull(byIsbn(a, "978-0-00-000001-1"), "node A still resolves the OLD isbn");
		assertNull(byIsbn(b, "978-0-00-000001-1"), "node B still resolves the OLD isbn");

		// the new resolution is cached in its turn
		byIsbn(a, "978-0-00-000002-2");
		StatsProbe p = StatsProbe.of(a);
		assertEquals(id, byIsbn(a, "978-0-00-000002-2").getId());
		assertTrue(p.naturalIdHits() >= 1, "new natural id should be cached: " + p);
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void oldNaturalIdCanBeReusedByAnotherBook() {
		byIsbn(a, "978-0-00-000001-1");
		inTx(b, em -> em.find(Book.class, id).setIsbn("978-0-00-000003-3"));
		long other = fromTx(b, em -> {
			Book bk = new Book("978-0-00-000001-1", "Count Zero", new BigDecimal("9.50"),
					LocalDate.of(1986, 3, 1), Genre.FICTION, null);
			em.persist(bk);
			return bk.getId();
		});
		Book found = byIsbn(a, "978-0-00-000001-1");
		assertNotNull(found);
		assertEquals(other, found.getId());
		assertEquals("Count Zero", found.getTitle());
	}

	@Test
	void deletedBookIsNoLongerResolved() {
		byIsbn(a, "978-0-00-000001-1");
		byIsbn(b, "978-0-00-000001-1");
		inTx(b, em -> em.remove(em.find(Book.class, id)));
		assertNull(byIsbn(a, "978-0-00-000001-1"));
	}

	private static Book byIsbn(EntityManagerFactory node, String isbn) {
		return TwoNodes.inSession(node, null, s -> s.bySimpleNaturalId(Book.class).load(isbn));
	}
}
