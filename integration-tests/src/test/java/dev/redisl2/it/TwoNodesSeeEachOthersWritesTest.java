package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * (c) Two nodes share one cache: what one node commits (update, delete) the other sees on its next
 * read, for NONSTRICT_READ_WRITE (Author), versioned READ_WRITE (Book) and unversioned READ_WRITE
 * (Counter). Each test first warms BOTH nodes so that a stale cached copy would be served if the
 * provider failed to update or invalidate it.
 */
class TwoNodesSeeEachOthersWritesTest extends TwoNodeTestBase {

	// ---------------------------------------------------------------- sharing

	@Test
	void nonstrictEntryCachedByOneNodeIsAHitOnTheOther() {
		long id = newAuthor("Ray Bradbury");
		fromTx(a, em -> em.find(Author.class, id));
		assertSharedHit(Author.class, id);
	}

	@Test
	void readWriteEntryCachedByOneNodeIsAHitOnTheOther() {
		long id = newBook("isbn-c0", "Fahrenheit 451");
		fromTx(a, em -> em.find(Book.class, id));
		assertSharedHit(Book.class, id);
	}

	@Test
	void unversionedReadWriteEntryCachedByOneNodeIsAHitOnTheOther() {
		inTx(a, em -> em.persist(new Counter(3L, 3)));
		fromTx(a, em -> em.find(Counter.class, 3L));
		assertSharedHit(Counter.class, 3L);
	}

	private void assertSharedHit(Class<?> type, Object id) {
		for (int round = 0; round < 3; round++) {
			for (var node : List.of(b, a)) {
				StatsProbe p = StatsProbe.of(node);
				fromTx(node, em -> em.find(type, id));
				assertEquals(1, p.l2Hits(), (node == a ? "node A" : "node B") + " should read " + type.getSimpleName()
						+ "#" + id + " from the shared cache (round " + round + "): " + p);
				assertEquals(0, p.sql(), p.toString());
			}
		}
	}

	// ---------------------------------------------------------------- NONSTRICT_READ_WRITE

	@Test
	void nonstrictUpdateOnBIsSeenByA() {
		long id = newAuthor("Isaac Asimov");
		warm(Author.class, id);

		inTx(b, em -> {
			Author au = em.find(Author.class, id);
			au.setName("Isaac Asimov (updated by B)");
			au.setAddress(new Address("2 Foundation Way", "Boston", "02101"));
		});

		Author seenByA = fromTx(a, em -> em.find(Author.class, id));
		assertEquals("Isaac Asimov (updated by B)", seenByA.getName());
		assertEquals("Boston", seenByA.getAddress().getCity());
		// and the value is cacheable again: A's next read is a hit with the new value
		StatsProbe p = StatsProbe.of(a);
		assertEquals("Isaac Asimov (updated by B)", fromTx(a, em -> em.find(Author.class, id)).getName());
		assertEquals(0, p.sql(), "the re-read value is served from the cache: " + p);
	}

	@Test
	void nonstrictUpdateOnAIsSeenByB() {
		long id = newAuthor("Arthur C. Clarke");
		warm(Author.class, id);
		inTx(a, em -> em.find(Author.class, id).setName("Sir Arthur C. Clarke"));
		assertEquals("Sir Arthur C. Clarke", fromTx(b, em -> em.find(Author.class, id)).getName());
	}

	@Test
	void nonstrictDeleteOnBIsSeenByA() {
		long id = newAuthor("Philip K. Dick");
		warm(Author.class, id);
		inTx(b, em -> em.remove(em.find(Author.class, id)));
		assertNull(fromTx(a, em -> em.find(Author.class, id)), "node A still finds an author node B deleted");
		assertNull(fromTx(b, em -> em.find(Author.class, id)));
	}

	@Test
	void nonstrictRepeatedUpdatesFromBothNodes() {
		long id = newAuthor("v0");
		for (int i = 1; i <= 6; i++) {
			String name = "v" + i;
			boolean onA = i % 2 == 1;
			warm(Author.class, id);
			inTx(onA ? a : b, em -> em.find(Author.class, id).setName(name));
			assertEquals(name, fromTx(onA ? b : a, em -> em.find(Author.class, id)).getName(), "round " + i);
			assertEquals(name, fromTx(onA ? a : b, em -> em.find(Author.class, id)).getName(), "round " + i);
		}
	}

	// ---------------------------------------------------------------- READ_WRITE, versioned

	@Test
	void readWriteUpdateOnBIsSeenByA() {
		long id = newBook("isbn-c1", "Foundation");
		warm(Book.class, id);
		long v0 = fromTx(a, em -> em.find(Book.class, id)).getVersion();

		inTx(b, em -> {
			Book bk = em.find(Book.class, id);
			bk.setTitle("Foundation and Empire");
			bk.setPrice(new BigDecimal("11.11"));
		});

		Book seenByA = fromTx(a, em -> em.find(Book.class, id));
		assertEquals("Foundation and Empire", seenByA.getTitle());
		assertEquals(new BigDecimal("11.11"), seenByA.getPrice());
		assertEquals(v0 + 1, seenByA.getVersion(), "version incremented once");
	}

	@Test
	void readWriteUpdateIsWrittenThroughToTheCache() {
		long id = newBook("isbn-c2", "I, Robot");
		warm(Book.class, id);
		inTx(b, em -> em.find(Book.class, id).setTitle("I, Robot (2nd ed.)"));
		// READ_WRITE puts the committed value into Redis: the other node reads it without SQL
		StatsProbe p = StatsProbe.of(a);
		assertEquals("I, Robot (2nd ed.)", fromTx(a, em -> em.find(Book.class, id)).getTitle());
		assertEquals(0, p.sql(), "read-write update should be served from the cache on the other node: " + p);
		assertEquals(1, p.l2Hits(), p.toString());
	}

	@Test
	void readWriteUpdateOnAIsSeenByB() {
		long id = newBook("isbn-c3", "The Gods Themselves");
		warm(Book.class, id);
		inTx(a, em -> em.find(Book.class, id).setGenre(Genre.SCIENCE));
		assertEquals(Genre.SCIENCE, fromTx(b, em -> em.find(Book.class, id)).getGenre());
	}

	@Test
	void readWriteDeleteOnBIsSeenByA() {
		long id = newBook("isbn-c4", "Nightfall");
		warm(Book.class, id);
		inTx(b, em -> em.remove(em.find(Book.class, id)));
		assertNull(fromTx(a, em -> em.find(Book.class, id)), "node A still finds a book node B deleted");
	}

	@Test
	void readWriteDeleteThenReinsertWithSameNaturalId() {
		long id = newBook("isbn-c5", "The End of Eternity");
		warm(Book.class, id);
		inTx(b, em -> em.remove(em.find(Book.class, id)));
		long id2 = newBook("isbn-c5", "The End of Eternity (reissue)");
		assertNull(fromTx(a, em -> em.find(Book.class, id)));
		assertEquals("The End of Eternity (reissue)", fromTx(a, em -> em.find(Book.class, id2)).getTitle());
	}

	@Test
	void readWriteAlternatingUpdatesKeepVersionsInStep() {
		long id = newBook("isbn-c6", "t0");
		for (int i = 1; i <= 6; i++) {
			String title = "t" + i;
			boolean onA = i % 2 == 1;
			warm(Book.class, id);
			inTx(onA ? a : b, em -> em.find(Book.class, id).setTitle(title));
			Book other = fromTx(onA ? b : a, em -> em.find(Book.class, id));
			assertEquals(title, other.getTitle(), "round " + i);
			assertEquals(i, other.getVersion(), "round " + i);
		}
	}

	// ---------------------------------------------------------------- READ_WRITE, unversioned

	@Test
	void unversionedReadWriteUpdateOnBIsSeenByA() {
		inTx(a, em -> em.persist(new Counter(1L, 0)));
		warm(Counter.class, 1L);
		for (int i = 1; i <= 5; i++) {
			inTx(i % 2 == 0 ? a : b, em -> em.find(Counter.class, 1L).increment());
		}
		assertEquals(5, fromTx(a, em -> em.find(Counter.class, 1L)).getValue());
		assertEquals(5, fromTx(b, em -> em.find(Counter.class, 1L)).getValue());
	}

	@Test
	void unversionedReadWriteDeleteOnAIsSeenByB() {
		inTx(a, em -> em.persist(new Counter(2L, 10)));
		warm(Counter.class, 2L);
		inTx(a, em -> em.remove(em.find(Counter.class, 2L)));
		assertNull(fromTx(b, em -> em.find(Counter.class, 2L)));
		// and the id can be reused
		inTx(b, em -> em.persist(new Counter(2L, 20)));
		Counter c = fromTx(a, em -> em.find(Counter.class, 2L));
		assertNotNull(c);
		assertEquals(20, c.getValue());
	}

	// ---------------------------------------------------------------- helpers

	private long newAuthor(String name) {
		return fromTx(a, em -> {
			Author au = new Author(name, new Address("1 Street", "City", "00000"));
			em.persist(au);
			return au.getId();
		});
	}

	private long newBook(String isbn, String title) {
		return fromTx(a, em -> {
			Book bk = new Book(isbn, title, new BigDecimal("10.00"), LocalDate.of(1950, 1, 1), Genre.FICTION, null);
			em.persist(bk);
			return bk.getId();
		});
	}

	/**
	 * Reads the entity on both nodes, twice, so that each holds (or has cached) a copy that would be served
	 * stale if the provider failed to update or invalidate it. Whether those reads hit is asserted by the
	 * {@code ...CachedByOneNodeIsAHitOnTheOther} tests, not here.
	 */
	private void warm(Class<?> type, Object id) {
		for (int i = 0; i < 2; i++) {
			fromTx(a, em -> em.find(type, id));
			fromTx(b, em -> em.find(type, id));
		}
	}
}
