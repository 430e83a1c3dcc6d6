package dev.redisl2.it.readwrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.hibernate.CacheMode;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Random reads and writes of a few hot rows from several threads on each of two nodes, then a check of
 * what every node serves through its cache against the database. Loads in {@link CacheMode#REFRESH}
 * (a third of the reads) force puts from load to race the updates, which is where read-write breaks.
 */
final class HotRowsWorkload {

	static final int HOT_ROWS = 3;

	/** What one run did and found. */
	record Result(long operations, long updates, long conflicts, long errors, int stale, List<String> staleDetails) {
	}

	private final List<SessionFactory> nodes;
	private final int threadsPerNode;
	private final long millis;
	private final LongAdder operations = new LongAdder();
	private final LongAdder updates = new LongAdder();
	private final LongAdder conflicts = new LongAdder();
	private final LongAdder errors = new LongAdder();

	private final java.util.function.LongFunction<String> cacheDump;

	/** @param cacheDump what Redis holds for a hot row, printed beside a stale entry to explain it */
	HotRowsWorkload(List<SessionFactory> nodes, int threadsPerNode, long millis, java.util.function.LongFunction<String> cacheDump) {
		this.cacheDump = cacheDump;
		this.nodes = nodes;
		this.threadsPerNode = threadsPerNode;
		this.millis = millis;
	}

	static void seed(SessionFactory factory) {
		inTx( factory, CacheMode.IGNORE, s -> {
			for ( long id = 1; id <= HOT_ROWS; id++ ) {
				s.persist( new HotBook( id, "title-0" ) );
				s.persist( new HotCounter( id ) );
				HotShelf shelf = new HotShelf( id );
				shelf.labels.add( "first" );
				s.persist( shelf );
			}
		} );
	}

	/**
	 * Runs the workload in rounds; after each, with every thread stopped, compares what each node's cache
	 * serves with the database. A stale entry only survives until the row's next update, so checking at
	 * many quiet points is what makes a race visible; the cache is emptied after a check so that no
	 * stale entry is counted twice.
	 */
	Result run(int rounds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool( nodes.size() * threadsPerNode );
		List<String> stale = new ArrayList<>();
		try {
			for ( int round = 0; round < rounds; round++ ) {
				long start = System.nanoTime();
				long roundNanos = TimeUnit.MILLISECONDS.toNanos( millis / rounds );
				long writesUntil = start + roundNanos * 4 / 5;
				long deadline = start + roundNanos;
				List<Future<?>> running = new ArrayList<>();
				for ( SessionFactory node : nodes ) {
					for ( int t = 0; t < threadsPerNode; t++ ) {
						running.add( pool.submit( () -> work( node, writesUntil, deadline ) ) );
					}
				}
				for ( Future<?> f : running ) {
					f.get( millis + 60_000, TimeUnit.MILLISECONDS );
				}
				stale.addAll( verify() );
				nodes.get( 0 ).getCache().evictAllRegions();
			}
		}
		finally {
			pool.shutdownNow();
		}
		return new Result( operations.sum(), updates.sum(), conflicts.sum(), errors.sum(), stale.size(), stale );
	}

	/** Reads and writes until {@code writesUntil}, then only reads: writes in bursts, as applications do. */
	private void work(SessionFactory node, long writesUntil, long deadline) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long now;
		while ( ( now = System.nanoTime() ) < deadline ) {
			long id = 1 + random.nextInt( HOT_ROWS );
			int op = random.nextInt( now < writesUntil ? 100 : 50 );
			try {
				if ( op < 30 ) {
					inTx( node, CacheMode.NORMAL, s -> readAll( s, id ) );
				}
				else if ( op < 50 ) {
					inTx( node, CacheMode.REFRESH, s -> readAll( s, id ) );
				}
				else if ( op < 65 ) {
					inTx( node, CacheMode.NORMAL, s -> s.find( HotBook.class, id ).title = "title-" + random.nextInt( 1_000_000 ) );
					updates.increment();
				}
				else if ( op < 80 ) {
					inTx( node, CacheMode.NORMAL, s -> s.find( HotCounter.class, id ).hits++ );
					updates.increment();
				}
				else {
					inTx( node, CacheMode.NORMAL, s -> {
						Set<String> labels = s.find( HotShelf.class, id ).labels;
						Iterator<String> it = labels.iterator();
						if ( labels.size() > 3 && it.hasNext() ) {
							it.next();
							it.remove();
						}
						else {
							labels.add( "label-" + random.nextInt( 1000 ) );
						}
					} );
					updates.increment();
				}
				operations.increment();
			}
			catch (OptimisticLockException e) {
				conflicts.increment();
			}
			catch (PersistenceException e) {
				// lock timeouts and deadlock victims of the database: part of the contention, not of the cache
				conflicts.increment();
			}
			catch (RuntimeException e) {
				errors.increment();
			}
		}
	}

	private static void readAll(Session s, long id) {
		s.find( HotBook.class, id );
		s.find( HotCounter.class, id );
		s.find( HotShelf.class, id ).labels.size();
	}

	/**
	 * Every hot entity and collection, read through each node's cache, compared with the database. An
	 * entry counts once however many nodes serve it (they share it).
	 */
	private List<String> verify() {
		SessionFactory any = nodes.get( 0 );
		List<String> stale = new ArrayList<>();
		for ( long id = 1; id <= HOT_ROWS; id++ ) {
			long rowId = id;
			List<String> truth = fromTx( any, CacheMode.IGNORE, s -> describe( s, rowId ) );
			for ( int i = 0; i < truth.size(); i++ ) {
				StringBuilder servedBy = new StringBuilder();
				String cachedValue = null;
				for ( int n = 0; n < nodes.size(); n++ ) {
					String cached = fromTx( nodes.get( n ), CacheMode.NORMAL, s -> describe( s, rowId ) ).get( i );
					if ( !Objects.equals( truth.get( i ), cached ) ) {
						servedBy.append( servedBy.length() == 0 ? "node " : ", node " ).append( n );
						cachedValue = cached;
					}
				}
				if ( cachedValue != null ) {
					stale.add( cachedValue + " served by " + servedBy + ", database has " + truth.get( i )
							+ " | redis: " + cacheDump.apply( rowId ) );
				}
			}
		}
		return stale;
	}

	/** The versioned entity, the unversioned one and the collection of one hot row. */
	private static List<String> describe(Session s, long id) {
		HotBook book = s.find( HotBook.class, id );
		HotCounter counter = s.find( HotCounter.class, id );
		HotShelf shelf = s.find( HotShelf.class, id );
		return List.of( "book#" + id + "(" + book.title + ",v" + book.version + ")",
				"counter#" + id + "(" + counter.hits + ")",
				"shelf#" + id + ".labels" + new java.util.TreeSet<>( new HashSet<>( shelf.labels ) ) );
	}

	static void inTx(SessionFactory factory, CacheMode mode, Consumer<Session> work) {
		fromTx( factory, mode, s -> {
			work.accept( s );
			return null;
		} );
	}

	static <T> T fromTx(SessionFactory factory, CacheMode mode, java.util.function.Function<Session, T> work) {
		try ( Session s = factory.openSession() ) {
			s.setCacheMode( mode );
			var tx = s.beginTransaction();
			try {
				T result = work.apply( s );
				tx.commit();
				return result;
			}
			catch (RuntimeException e) {
				if ( tx.isActive() ) {
					tx.rollback();
				}
				throw e;
			}
		}
	}
}
