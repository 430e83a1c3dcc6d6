package dev.redisl2.it.faults;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.Genre;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Reads and updates from several threads on each node while a test injects a fault, recording every
 * operation: how long it took, whether an exception reached the application, and whether a read returned
 * a value older than one committed before the read began (a stale read).
 *
 * <p>Rows: one per thread of each kind, and only that thread updates it, so a writer always knows the
 * committed value (no lost updates, no optimistic-lock conflicts between writers). Kinds: {@link Counter}
 * (read-write, unversioned), {@link Book} (read-write, versioned), {@link Author} (nonstrict read-write).
 * Every update writes the next number; reads compare the number they get with the last one committed.
 */
final class FaultWorkload {

	enum Kind { COUNTER, BOOK, AUTHOR }

	/** One operation as the application saw it. */
	record Op(String node, Kind kind, int row, boolean write, long startNanos, long nanos, boolean stale, String error) {
	}

	/** Figures over a time window. */
	record Window(int operations, int errors, int stale, long worstMillis, List<String> examples) {
	}

	private final Map<String, EntityManagerFactory> nodes;
	private final int threadsPerNode;
	private final int rows;
	private final long[][] ids;
	private final AtomicLongArray[] committed;
	private final ConcurrentLinkedQueue<Op> ops = new ConcurrentLinkedQueue<>();
	private final List<Thread> threads = new ArrayList<>();
	private volatile boolean running;

	FaultWorkload(Map<String, EntityManagerFactory> nodes, int threadsPerNode) {
		this.nodes = new LinkedHashMap<>( nodes );
		this.threadsPerNode = threadsPerNode;
		this.rows = nodes.size() * threadsPerNode;
		this.ids = new long[Kind.values().length][rows];
		this.committed = new AtomicLongArray[Kind.values().length];
		for ( Kind kind : Kind.values() ) {
			committed[kind.ordinal()] = new AtomicLongArray( rows );
		}
	}

	static FaultWorkload onTwoNodes(TwoNodes nodes, int threadsPerNode) {
		Map<String, EntityManagerFactory> map = new LinkedHashMap<>();
		map.put( "A", nodes.a() );
		map.put( "B", nodes.b() );
		return new FaultWorkload( map, threadsPerNode );
	}

	/** Inserts the rows (value 0) through the first node, and reads each once on every node to cache it. */
	void seed() {
		EntityManagerFactory first = nodes.values().iterator().next();
		TwoNodes.inTx( first, em -> {
			for ( int r = 0; r < rows; r++ ) {
				long counterId = 1000L + r;
				em.persist( new Counter( counterId, 0 ) );
				ids[Kind.COUNTER.ordinal()][r] = counterId;
				Book book = new Book( "isbn-fault-" + r, "t-0", new BigDecimal( "1.00" ), LocalDate.of( 2000, 1, 1 ), Genre.FICTION, null );
				em.persist( book );
				Author author = new Author( "a-0", new Address( "1 Street", "City", "00000" ) );
				em.persist( author );
				em.flush();
				ids[Kind.BOOK.ordinal()][r] = book.getId();
				ids[Kind.AUTHOR.ordinal()][r] = author.getId();
			}
		} );
		for ( EntityManagerFactory node : nodes.values() ) {
			for ( Kind kind : Kind.values() ) {
				for ( int r = 0; r < rows; r++ ) {
					int row = r;
					TwoNodes.fromTx( node, em -> read( em, kind, row ) );
				}
			}
		}
	}

	void start() {
		running = true;
		int index = 0;
		for ( Map.Entry<String, EntityManagerFactory> node : nodes.entrySet() ) {
			for ( int t = 0; t < threadsPerNode; t++ ) {
				int ownRow = index++;
				Thread thread = new Thread( () -> loop( node.getKey(), node.getValue(), ownRow ), "workload-" + node.getKey() + t );
				thread.setDaemon( true );
				threads.add( thread );
				thread.start();
			}
		}
	}

	void stop() throws InterruptedException {
		running = false;
		for ( Thread thread : threads ) {
			thread.join( 30_000 );
		}
		threads.clear();
	}

	private void loop(String name, EntityManagerFactory node, int ownRow) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while ( running ) {
			Kind kind = Kind.values()[random.nextInt( Kind.values().length )];
			boolean write = random.nextInt( 10 ) < 3;
			int row = write ? ownRow : random.nextInt( rows );
			long expectedAtLeast = committed[kind.ordinal()].get( row );
			long start = System.nanoTime();
			String error = null;
			boolean stale = false;
			try {
				if ( write ) {
					long next = expectedAtLeast + 1;
					TwoNodes.inTx( node, em -> write( em, kind, row, next ) );
					committed[kind.ordinal()].set( row, next );
				}
				else {
					Long seen = TwoNodes.fromTx( node, em -> read( em, kind, row ) );
					if ( seen == null ) {
						error = "row vanished";
					}
					else {
						stale = seen < expectedAtLeast;
					}
				}
			}
			catch (RuntimeException e) {
				error = e.toString();
			}
			ops.add( new Op( name, kind, row, write, start, System.nanoTime() - start, stale, error ) );
			if ( write ) {
				pause( 2 ); // keep the write rate modest: a few hundred commits per second in all
			}
		}
	}

	private Long read(EntityManager em, Kind kind, int row) {
		long id = ids[kind.ordinal()][row];
		return switch ( kind ) {
			case COUNTER -> {
				Counter c = em.find( Counter.class, id );
				yield c == null ? null : c.getValue();
			}
			case BOOK -> {
				Book b = em.find( Book.class, id );
				yield b == null ? null : Long.parseLong( b.getTitle().substring( 2 ) );
			}
			case AUTHOR -> {
				Author a = em.find( Author.class, id );
				yield a == null ? null : Long.parseLong( a.getName().substring( 2 ) );
			}
		};
	}

	private void write(EntityManager em, Kind kind, int row, long value) {
		long id = ids[kind.ordinal()][row];
		switch ( kind ) {
			case COUNTER -> em.find( Counter.class, id ).setValue( value );
			case BOOK -> em.find( Book.class, id ).setTitle( "t-" + value );
			case AUTHOR -> em.find( Author.class, id ).setName( "a-" + value );
		}
	}

	/** Operations that started in [from, to) (System.nanoTime()). */
	Window window(long from, long to) {
		int count = 0;
		int errors = 0;
		int stale = 0;
		long worst = 0;
		List<String> examples = new ArrayList<>();
		for ( Op op : ops ) {
			if ( op.startNanos < from || op.startNanos >= to ) {
				continue;
			}
			count++;
			worst = Math.max( worst, op.nanos );
			if ( op.error != null ) {
				errors++;
			}
			if ( op.stale ) {
				stale++;
			}
			if ( ( op.error != null || op.stale ) && examples.size() < 5 ) {
				examples.add( op.toString() );
			}
		}
		return new Window( count, errors, stale, worst / 1_000_000L, examples );
	}

	/** Every row read on every node (a cache hit or a load) against the database, after the run. */
	List<String> verifyAgainstDatabase() {
		List<String> wrong = new ArrayList<>();
		for ( Map.Entry<String, EntityManagerFactory> node : nodes.entrySet() ) {
			for ( Kind kind : Kind.values() ) {
				for ( int r = 0; r < rows; r++ ) {
					int row = r;
					for ( int attempt = 0; attempt < 2; attempt++ ) { // the second read is a cache hit where the first put
						Long seen = TwoNodes.fromTx( node.getValue(), em -> read( em, kind, row ) );
						long truth = committed[kind.ordinal()].get( row );
						if ( seen == null || seen != truth ) {
							wrong.add( "node " + node.getKey() + " " + kind + " row " + row + ": read " + seen + ", committed " + truth );
						}
					}
				}
			}
		}
		return wrong;
	}

	/** Waits until every node's breaker is closed and its backlog empty; returns System.nanoTime() then. */
	long awaitRecovered(long timeoutMillis) throws InterruptedException {
		long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
		while ( System.nanoTime() < deadline ) {
			if ( nodes.values().stream().allMatch( FaultWorkload::recovered ) ) {
				return System.nanoTime();
			}
			Thread.sleep( 5 );
		}
		throw new AssertionError( "the nodes did not recover within " + timeoutMillis + " ms" );
	}

	static RedisRegionFactory factory(EntityManagerFactory emf) {
		return (RedisRegionFactory) emf.unwrap( SessionFactoryImplementor.class ).getCache().getRegionFactory();
	}

	static boolean recovered(EntityManagerFactory emf) {
		RedisRegionFactory factory = factory( emf );
		return !factory.breaker().isOpen() && factory.backlog().isEmpty();
	}

	int operations() {
		return ops.size();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
