package dev.redisl2.it.topology;

import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Counter;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two nodes reading and updating a few hot rows in a loop while the test breaks Redis underneath:
 * READ_WRITE {@link Counter}s (increment) and NONSTRICT_READ_WRITE {@link Author}s (rename), 80% reads.
 * The first counter is not touched ({@link #probeCounter()}). Any exception that reaches the application
 * is recorded; so is the slowest operation.
 * {@link #staleReads()} then compares what each node serves with the database.
 */
final class FailoverWorkload implements AutoCloseable {

	private final TwoNodes nodes;
	private final List<Long> counters;
	private final List<Long> authors;
	private final AtomicBoolean running = new AtomicBoolean();
	private final List<Thread> threads = new ArrayList<>();
	private final AtomicLong operations = new AtomicLong();
	private final AtomicLong slowestNanos = new AtomicLong();
	private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();

	FailoverWorkload(TwoNodes nodes, int counters, int authors) {
		this.nodes = nodes;
		this.counters = TwoNodes.fromTx(nodes.a(), em -> {
			List<Long> ids = new ArrayList<>();
			for (long id = 1; id <= counters; id++) {
				em.persist(new Counter(id, 0));
				ids.add(id);
			}
			return ids;
		});
		this.authors = TwoNodes.fromTx(nodes.a(), em -> {
			List<Long> ids = new ArrayList<>();
			for (int i = 0; i < authors; i++) {
				Author author = new Author("author-" + i + "-v0", null);
				em.persist(author);
				ids.add(author.getId());
			}
			return ids;
		});
		// cached on both nodes before anything breaks
		for (EntityManagerFactory node : List.of(nodes.a(), nodes.b())) {
			staleReads(node);
		}
	}

	/** The first counter is left alone by the workload: the test's own probe row. */
	long probeCounter() {
		return counters.get(0);
	}

	void start(int threadsPerNode) {
		running.set(true);
		for (EntityManagerFactory node : List.of(nodes.a(), nodes.b())) {
			for (int t = 0; t < threadsPerNode; t++) {
				Thread thread = new Thread(() -> loop(node), "failover-workload-" + threads.size());
				thread.setDaemon(true);
				threads.add(thread);
				thread.start();
			}
		}
	}

	private void loop(EntityManagerFactory node) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (running.get()) {
			long started = System.nanoTime();
			try {
				boolean counter = random.nextBoolean();
				long id = counter ? counters.get(1 + random.nextInt(counters.size() - 1)) : authors.get(random.nextInt(authors.size()));
				boolean write = random.nextInt(10) < 2;
				if (counter && write) {
					TwoNodes.inTx(node, em -> em.find(Counter.class, id).increment());
				} else if (counter) {
					TwoNodes.fromTx(node, em -> em.find(Counter.class, id));
				} else if (write) {
					TwoNodes.inTx(node, em -> em.find(Author.class, id).setName("author-" + id + "-v" + System.nanoTime()));
				} else {
					TwoNodes.fromTx(node, em -> em.find(Author.class, id));
				}
				operations.incrementAndGet();
			} catch (RuntimeException e) {
				errors.add(e);
			}
			slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
		}
	}

	/** Stops the threads and waits for them. */
	void stop() throws InterruptedException {
		running.set(false);
		for (Thread thread : threads) {
			thread.join(30_000);
		}
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	long operations() {
		return operations.get();
	}

	List<Throwable> errors() {
		return List.copyOf(errors);
	}

	long slowestMillis() {
		return slowestNanos.get() / 1_000_000;
	}

	/** Rows a node serves differently from the database, each read in its own transaction; empty when none. */
	Map<String, String> staleReads(EntityManagerFactory node) {
		Map<String, String> stale = new TreeMap<>();
		for (long id : counters) {
			long cached = TwoNodes.fromTx(node, em -> em.find(Counter.class, id)).getValue();
			long db = TwoNodes.fromTx(node, em -> em.createQuery("select c.value from Counter c where c.id = :id", Long.class)
					.setParameter("id", id).getSingleResult());
			if (cached != db) {
				stale.put("Counter#" + id, "served " + cached + ", database " + db);
			}
		}
		for (long id : authors) {
			String cached = TwoNodes.fromTx(node, em -> em.find(Author.class, id)).getName();
			String db = TwoNodes.fromTx(node, em -> em.createQuery("select a.name from Author a where a.id = :id", String.class)
					.setParameter("id", id).getSingleResult());
			if (!cached.equals(db)) {
				stale.put("Author#" + id, "served " + cached + ", database " + db);
			}
		}
		return stale;
	}
}
