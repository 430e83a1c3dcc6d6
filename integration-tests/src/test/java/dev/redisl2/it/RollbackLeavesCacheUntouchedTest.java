package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * (e) A rolled-back transaction leaves nothing in the cache: neither node sees its values, and no key
 * in Redis holds them. Every change is flushed (SQL sent, cache locks taken) before the rollback.
 */
class RollbackLeavesCacheUntouchedTest extends TwoNodeTestBase {

	private static final String BOOK_REGION = "dev.redisl2.sample.Book";

	@Test
	void rolledBackUpdateOfReadWriteEntity() {
		long id = newBook("isbn-e1", "Original Title");
		readOnBoth(Book.class, id);

		TwoNodes.inTxRolledBack(b, em -> {
			em.find(Book.class, id).setTitle("ROLLED-BACK-TITLE");
			em.flush();
		});

		assertEquals("Original Title", fromTx(a, em -> em.find(Book.class, id)).getTitle());
		assertEquals("Original Title", fromTx(b, em -> em.find(Book.class, id)).getTitle());
		assertEquals(0L, fromTx(a, em -> em.find(Book.class, id)).getVersion(), "version unchanged");
		assertFalse(nodes.anyValueContains("ROLLED-BACK-TITLE"), "a Redis value holds the rolled-back title");
		// (like Hibernate's stock READ_WRITE, the released lock may keep the row uncached until the
		// lock timeout: only correctness is asserted.) A later committed update goes through:
		inTx(a, em -> em.find(Book.class, id).setTitle("Committed Title"));
		assertEquals("Committed Title", fromTx(b, em -> em.find(Book.class, id)).getTitle());
		assertEquals(1L, fromTx(b, em -> em.find(Book.class, id)).getVersion());
	}

	@Test
	void rolledBackInsertOfReadWriteEntity() {
		newBook("isbn-e2", "Existing");
		Set<String> before = nodes.regionKeys(BOOK_REGION);
		Long[] id = new Long[1];
		TwoNodes.inTxRolledBack(a, em -> {
			Book bk = new Book("isbn-e3", "ROLLED-BACK-INSERT", BigDecimal.ONE, LocalDate.now(), Genre.POETRY, null);
			em.persist(bk);
			em.flush();
			id[0] = bk.getId();
		});
		assertNotNull(id[0]);
		assertEquals(before, nodes.regionKeys(BOOK_REGION), "a rolled-back insert added or removed Book keys");
		assertFalse(nodes.anyValueContains("ROLLED-BACK-INSERT"), "a Redis value holds the rolled-back insert");
		assertNull(fromTx(a, em -> em.find(Book.class, id[0])));
		assertNull(fromTx(b, em -> em.find(Book.class, id[0])));
	}

	@Test
	void rolledBackDeleteOfReadWriteEntity() {
		long id = newBook("isbn-e4", "Survivor");
		readOnBoth(Book.class, id);
		TwoNodes.inTxRolledBack(b, em -> {
			em.remove(em.find(Book.class, id));
			em.flush();
		});
		assertEquals("Survivor", fromTx(a, em -> em.find(Book.class, id)).getTitle());
		assertEquals("Survivor", fromTx(b, em -> em.find(Book.class, id)).getTitle());
	}

	@Test
	void rolledBackUpdateOfNonstrictEntity() {
		long id = fromTx(a, em -> {
			Author au = new Author("Original Name", new Address("s", "c", "z"));
			em.persist(au);
			return au.getId();
		});
		readOnBoth(Author.class, id);
		TwoNodes.inTxRolledBack(a, em -> {
			Author au = em.find(Author.class, id);
			au.setName("ROLLED-BACK-NAME");
			au.setAddress(new Address("ROLLED-BACK-STREET", "x", "y"));
			em.flush();
		});
		assertEquals("Original Name", fromTx(b, em -> em.find(Author.class, id)).getName());
		assertEquals("Original Name", fromTx(a, em -> em.find(Author.class, id)).getName());
		assertFalse(nodes.anyValueContains("ROLLED-BACK-NAME"));
		assertFalse(nodes.anyValueContains("ROLLED-BACK-STREET"));
	}

	@Test
	void rolledBackUpdateOfUnversionedReadWriteEntity() {
		inTx(a, em -> em.persist(new Counter(5L, 100)));
		readOnBoth(Counter.class, 5L);
		TwoNodes.inTxRolledBack(b, em -> {
			em.find(Counter.class, 5L).setValue(-1);
			em.flush();
		});
		assertEquals(100, fromTx(a, em -> em.find(Counter.class, 5L)).getValue());
		assertEquals(100, fromTx(b, em -> em.find(Counter.class, 5L)).getValue());
		// a later committed update still goes through to both nodes
		inTx(b, em -> em.find(Counter.class, 5L).setValue(101));
		assertEquals(101, fromTx(a, em -> em.find(Counter.class, 5L)).getValue());
	}

	@Test
	void rolledBackInsertDoesNotPolluteTheQueryCache() {
		newBook("isbn-e5", "Kept");
		String q = "select b.title from Book b order by b.id";
		List<String> cached = fromTx(a, em -> em.createQuery(q, String.class)
				.setHint("org.hibernate.cacheable", true).getResultList());
		TwoNodes.inTxRolledBack(b, em -> {
			em.persist(new Book("isbn-e6", "ROLLED-BACK-ROW", BigDecimal.ONE, LocalDate.now(), Genre.POETRY, null));
			em.flush();
		});
		List<String> again = fromTx(a, em -> em.createQuery(q, String.class)
				.setHint("org.hibernate.cacheable", true).getResultList());
		assertEquals(cached, again);
		assertTrue(again.contains("Kept"));
		assertFalse(again.contains("ROLLED-BACK-ROW"));
	}

	private long newBook(String isbn, String title) {
		return fromTx(a, em -> {
			Book bk = new Book(isbn, title, new BigDecimal("3.00"), LocalDate.of(2001, 1, 1), Genre.HISTORY, null);
			em.persist(bk);
			return bk.getId();
		});
	}

	private void readOnBoth(Class<?> type, Object id) {
		fromTx(a, em -> em.find(type, id));
		fromTx(b, em -> em.find(type, id));
		StatsProbe p = StatsProbe.of(b);
		fromTx(b, em -> em.find(type, id));
		assertEquals(1, p.l2Hits(), "warm-up: " + type.getSimpleName() + "#" + id + " should be cached: " + p);
	}
}
