package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.stat.CollectionStatistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * (h) The cached one-to-many {@code Author.books}: the second access is a collection-cache hit without
 * SQL (on either node), and a book added, moved or removed on the other node shows up.
 * ({@code hibernate.cache.auto_evict_collection_cache=true} in persistence.xml evicts the inverse side.)
 */
class CachedCollectionTest extends TwoNodeTestBase {

	private static final String ROLE = "dev.redisl2.sample.Author.books";

	private long authorId;
	private long otherAuthorId;
	private long firstBookId;

	@BeforeEach
	void seed() {
		long[] ids = fromTx(a, em -> {
			Author au = new Author("Iain M. Banks", new Address("1 Culture St", "Edinburgh", "EH1"));
			Author other = new Author("Ann Leckie", new Address("2 Radch Rd", "St. Louis", "63101"));
			em.persist(au);
			em.persist(other);
			Book b1 = new Book("isbn-h1", "Consider Phlebas", new BigDecimal("9.00"), LocalDate.of(1987, 1, 1), Genre.FICTION, au);
			Book b2 = new Book("isbn-h2", "The Player of Games", new BigDecimal("9.00"), LocalDate.of(1988, 1, 1), Genre.FICTION, au);
			em.persist(b1);
			em.persist(b2);
			return new long[] {au.getId(), other.getId(), b1.getId()};
		});
		authorId = ids[0];
		otherAuthorId = ids[1];
		firstBookId = ids[2];
	}

	@Test
	void secondAccessIsACollectionCacheHit() {
		StatsProbe first = StatsProbe.of(a);
		assertEquals(List.of("Consider Phlebas", "The Player of Games"), titles(a, authorId));
		assertTrue(first.sql() >= 1, first.toString());

		CollectionStatistics cs = TwoNodes.stats(a).getCollectionStatistics(ROLE);
		long hitsBefore = cs.getCacheHitCount();
		StatsProbe second = StatsProbe.of(a);
		assertEquals(List.of("Consider Phlebas", "The Player of Games"), titles(a, authorId));
		assertEquals(1, cs.getCacheHitCount() - hitsBefore, "one collection cache hit: " + second);
		assertEquals(0, second.sql(), "author, collection and books all from the cache: " + second);
		assertEquals(0, second.collectionLoads(), second.toString());
	}

	@Test
	void otherNodeHitsTheCollectionToo() {
		titles(a, authorId);
		CollectionStatistics cs = TwoNodes.stats(b).getCollectionStatistics(ROLE);
		long hitsBefore = cs.getCacheHitCount();
		StatsProbe p = StatsProbe.of(b);
		assertEquals(List.of("Consider Phlebas", "The Player of Games"), titles(b, authorId));
		assertEquals(1, cs.getCacheHitCount() - hitsBefore, "node B hits the collection node A cached: " + p);
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void bookAddedOnOtherNodeShowsUp() {
		titles(a, authorId);
		titles(b, authorId);
		inTx(b, em -> em.persist(new Book("isbn-h3", "Use of Weapons", new BigDecimal("9.00"),
				LocalDate.of(1990, 1, 1), Genre.FICTION, em.find(Author.class, authorId))));
		assertEquals(List.of("Consider Phlebas", "The Player of Games", "Use of Weapons"), titles(a, authorId));
		// cached again
		StatsProbe p = StatsProbe.of(a);
		assertEquals(3, titles(a, authorId).size());
		assertEquals(0, p.sql(), p.toString());
	}

	@Test
	void bookMovedToAnotherAuthorOnOtherNode() {
		titles(a, authorId);
		titles(a, otherAuthorId);
		inTx(b, em -> em.find(Book.class, firstBookId).setAuthor(em.find(Author.class, otherAuthorId)));
		assertEquals(List.of("The Player of Games"), titles(a, authorId));
		assertEquals(List.of("Consider Phlebas"), titles(a, otherAuthorId));
	}

	@Test
	void bookRemovedOnOtherNodeDisappears() {
		titles(a, authorId);
		inTx(b, em -> em.remove(em.find(Book.class, firstBookId)));
		assertEquals(List.of("The Player of Games"), titles(a, authorId));
	}

	@Test
	void bookTitleChangedOnOtherNodeIsSeenThroughTheCollection() {
		titles(a, authorId);
		inTx(b, em -> em.find(Book.class, firstBookId).setTitle("Consider Phlebas (revised)"));
		assertEquals(List.of("Consider Phlebas (revised)", "The Player of Games"), titles(a, authorId));
	}

	private static List<String> titles(EntityManagerFactory node, long authorId) {
		return TwoNodes.fromTx(node, em -> em.find(Author.class, authorId).getBooks().stream()
				.map(Book::getTitle).collect(Collectors.toList()));
	}
}
