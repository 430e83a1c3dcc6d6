package dev.redisl2.it.hotkeys;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import jakarta.persistence.EntityManagerFactory;

import dev.redisl2.it.TwoNodeTestBase;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Genre;

import org.junit.jupiter.api.Test;

/**
 * Two nodes with near caches read one hot row without pause while a writer updates it, alternating nodes,
 * for 5 s. A read is stale when it began after an update's commit returned and still saw an older title;
 * the test reports how many reads were and by how much, and requires every one to be within the bound.
 */
class NearCacheCoherenceTest extends TwoNodeTestBase {

	private static final long RUN_MILLIS = 5_000;

	@Override
	protected Map<String, Object> settings() {
		return Map.of( "hibernate.cache.redis.near_cache.max_entries", "1000" );
	}

	@Test
	void readsOnBothNodesTrailCommittedUpdatesByLessThanTheBound() throws Exception {
		long id = fromTx( a, em -> {
			Book book = new Book( "isbn-coherent", "t-0", new BigDecimal( "1.00" ), LocalDate.of( 2022, 1, 1 ), Genre.HISTORY, null );
			em.persist( book );
			return book.getId();
		} );
		Map<Integer, Long> committedAt = new ConcurrentHashMap<>();
		committedAt.put( 0, System.nanoTime() );
		AtomicInteger latest = new AtomicInteger();
		AtomicLong reads = new AtomicLong();
		AtomicLong stale = new AtomicLong();
		AtomicLong writerConflicts = new AtomicLong();
		LongAccumulator worstNanos = new LongAccumulator( Math::max, 0 );
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos( RUN_MILLIS );
		ExecutorService pool = Executors.newFixedThreadPool( 5 );
		List<Future<?>> work = new ArrayList<>();
		try {
			work.add( pool.submit( () -> {
				for ( int n = 1; System.nanoTime() < deadline; n++ ) {
					int next = n;
					try {
						inTx( n % 2 == 0 ? a : b, em -> em.find( Book.class, id ).setTitle( "t-" + next ) );
					}
					catch (jakarta.persistence.RollbackException e) {
						// the writer itself read the previous version on this node, right after committing on the
						// other one: a stale read too, which the version check turned into a conflict, not a lost update
						assertTrue( e.getCause() instanceof jakarta.persistence.OptimisticLockException, e.toString() );
						writerConflicts.incrementAndGet();
						n--;
						continue;
					}
					committedAt.put( next, System.nanoTime() );
					latest.set( next );
					sleep( 20 );
				}
			} ) );
			for ( int r = 0; r < 4; r++ ) {
				EntityManagerFactory node = r % 2 == 0 ? a : b;
				work.add( pool.submit( () -> {
					while ( System.nanoTime() < deadline ) {
						int expected = latest.get();
						long start = System.nanoTime();
						int seen = Integer.parseInt( fromTx( node, em -> em.find( Book.class, id ).getTitle() ).substring( 2 ) );
						reads.incrementAndGet();
						if ( seen < expected ) {
							stale.incrementAndGet();
							worstNanos.accumulate( start - committedAt.get( seen + 1 ) );
						}
					}
				} ) );
			}
			for ( Future<?> f : work ) {
				f.get( RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS );
			}
		}
		finally {
			pool.shutdownNow();
		}
		System.out.printf( "[near] coherence: %d reads over %d updates on two nodes; %d read(s) began after a newer commit returned, "
				+ "the worst by %.2f ms; the writer, alternating nodes, read the previous version %d time(s) (optimistic "
				+ "lock conflict, retried)%n", reads.get(), latest.get(), stale.get(), worstNanos.get() / 1e6, writerConflicts.get() );
		assertTrue( reads.get() > 1000 && latest.get() > 50, "the run did too little to mean anything" );
		assertTrue( worstNanos.get() < NearCacheCases.BOUND.toNanos(), "a near-cache read trailed a commit by more than the bound" );
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
