package dev.redisl2.demo;

import dev.redisl2.sample.Address;
import dev.redisl2.sample.Author;
import dev.redisl2.sample.Book;
import dev.redisl2.sample.Country;
import dev.redisl2.sample.Genre;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A guided tour of the redisl2 second-level cache: two "nodes" (two EntityManagerFactories, as two
 * application instances would have) share one database and one Redis. Each step says whether its data
 * came from the L2 cache (Redis) or from the database, from Hibernate's own statistics.
 *
 * <p>Redis is found in this order: {@code -Dhibernate.cache.redis.url=redis://host:port} or
 * {@code REDIS_URL}; else a {@code redis-server} on PATH, started privately on a free port and stopped at
 * the end; else it explains how to get one and exits with status 1.
 *
 * <p>Run from the repository root: {@code mvn -q -B -Pdemo -DskipTests package}
 */
public final class DemoApp {

	private static final String CACHEABLE = "org.hibernate.cacheable";
	private static final String QUERY = "select b from Book b where b.genre = :genre order by b.title";

	private final PrintStream out;
	private final String redisUrl;
	private final String prefix;
	private final String jdbcUrl;
	private EntityManagerFactory nodeA;
	private EntityManagerFactory nodeB;
	private int stepNo;
	private static final String NEAR_CACHE = "hibernate.cache.redis.region.dev.redisl2.sample.Country.near_cache.max_entries";

	// grand totals over both nodes, printed in the summary
	private long fromCacheSteps;
	private long fromDbSteps;

	private DemoApp(PrintStream out, String redisUrl) {
		this.out = out;
		this.redisUrl = redisUrl;
		String id = UUID.randomUUID().toString().substring(0, 8);
		this.prefix = "redisl2-demo-" + id;
		this.jdbcUrl = SampleApp.h2MemUrl("demo-" + id);
	}

	public static void main(String[] args) {
		// Hibernate logs through jboss-logging; route it to slf4j-simple (WARN and up, see simplelogger.properties)
		if (System.getProperty("org.jboss.logging.provider") == null) {
			System.setProperty("org.jboss.logging.provider", "slf4j");
		}
		int status = run(System.out);
		if (status != 0) {
			System.out.flush();
			System.exit(status);
		}
	}

	/** Runs the whole demo; returns the process exit status. */
	public static int run(PrintStream out) {
		RedisServerProcess started = null;
		org.testcontainers.containers.GenericContainer<?> container = null;
		String url = firstNonBlank(System.getProperty(SampleApp.REDIS_URL), System.getenv("REDIS_URL"));
		try {
			banner(out);
			if (url != null) {
				out.println("Redis : using " + redact(url) + " (from "
						+ (System.getProperty(SampleApp.REDIS_URL) != null ? "-D" + SampleApp.REDIS_URL : "$REDIS_URL")
						+ "); only keys under this run's prefix are touched, and they are deleted at the end");
			} else if (RedisServerProcess.findRedisServerBinary().isPresent()) {
				started = RedisServerProcess.builder().name("demo").start();
				url = started.url();
				out.println("Redis : started a private redis-server on " + url + " (pid " + started.pid()
						+ "); it is stopped at the end");
			} else if (dockerAvailable()) {
				out.println("Redis : no -D" + SampleApp.REDIS_URL + ", no $REDIS_URL, no redis-server on PATH; Docker runs here,"
						+ " so starting a redis:7 container with Testcontainers ...");
				container = startContainer();
				url = "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
				out.println("Redis : container " + container.getContainerId().substring(0, 12) + " at " + url
						+ "; it is removed at the end");
			} else {
				out.println("No Redis found. The demo needs one of:");
				out.println("  - a redis-server binary on PATH (e.g. `apt-get install redis-server`, `brew install redis`);"
						+ " the demo starts and stops its own private instance");
				out.println("  - an existing Redis: -D" + SampleApp.REDIS_URL + "=redis://host:port  or  REDIS_URL=redis://host:port");
				out.println("  - a running Docker engine: the demo then starts a redis:7 container with Testcontainers");
				return 1;
			}
			new DemoApp(out, url).script();
			return 0;
		} catch (RuntimeException e) {
			out.println();
			out.println("DEMO FAILED: " + e);
			e.printStackTrace(out);
			return 2;
		} finally {
			if (started != null) {
				started.close();
				out.println("Redis : private redis-server stopped.");
			}
			if (container != null) {
				container.stop();
				out.println("Redis : container removed.");
			}
		}
	}

	// ------------------------------------------------------------------ the script

	private void script() {
		out.println("Prefix: every key of this run starts with \"" + prefix + ":\"");
		out.println();
		long t0 = System.nanoTime();
		try {
			out.println("Booting node A and node B: two EntityManagerFactories on ONE H2 database and ONE Redis ...");
			nodeA = SampleApp.entityManagerFactory(SampleApp.UNIT_SAMPLE, SampleApp.settings()
					.redisUrl(redisUrl).keyPrefix(prefix).jdbcUrl(jdbcUrl)
					.schemaAction("create") // node A creates the tables ...
					.set(NEAR_CACHE, "100") // countries: hot reference data, kept in each JVM too
					.build());
			nodeB = SampleApp.entityManagerFactory(SampleApp.UNIT_SAMPLE, SampleApp.settings()
					.redisUrl(redisUrl).keyPrefix(prefix).jdbcUrl(jdbcUrl)
					.schemaAction("none") // ... node B must not touch them
					.set(NEAR_CACHE, "100") // countries: hot reference data, kept in each JVM too
					.build());
			out.printf(Locale.ROOT, "Booted in %d ms.%n%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));

			// 1. seed
			long[] ids = step("A", nodeA, "Seed the database: 1 country, 2 authors, 3 books", true, em -> {
				em.persist(new Country("FR", "France"));
				Author herbert = new Author("Frank Herbert", new Address("1 Desert Rd", "Tacoma", "98401"));
				Author curie = new Author("Marie Curie", new Address("36 Quai de Bethune", "Paris", "75004"));
				em.persist(herbert);
				em.persist(curie);
				Book dune = new Book("978-0441013593", "Dune", new BigDecimal("9.99"),
						LocalDate.of(1965, 8, 1), Genre.FICTION, herbert);
				Book messiah = new Book("978-0593098233", "Dune Messiah", new BigDecimal("8.99"),
						LocalDate.of(1969, 10, 15), Genre.FICTION, herbert);
				Book radio = new Book("978-1374960491", "Radio-active Substances", new BigDecimal("14.50"),
						LocalDate.of(1904, 1, 1), Genre.SCIENCE, curie);
				em.persist(dune);
				em.persist(messiah);
				em.persist(radio);
				return new long[] {dune.getId(), messiah.getId(), radio.getId(), herbert.getId()};
			}, r -> "inserted; READ_WRITE inserts also go straight into the cache");
			long duneId = ids[0];
			long radioId = ids[2];
			long herbertId = ids[3];

			nodeA.unwrap(SessionFactory.class).getCache().evictAllRegions();
			note("(node A now evicts every cache region, so that the tour starts cold)");

			// 2..4 reads
			step("A", nodeA, "Read book #" + duneId + " in a new EntityManager", false,
					em -> em.find(Book.class, duneId), b -> describeBook(b));
			step("A", nodeA, "Read the same book again, in another new EntityManager", false,
					em -> em.find(Book.class, duneId), b -> describeBook(b));
			step("A", nodeA, "Read country FR (READ_ONLY reference data; its region has a near cache)", false,
					em -> em.find(Country.class, "FR"), c -> c.getName());
			pause(100); // the put's own invalidation message comes back first; then the near cache can keep FR
			step("A", nodeA, "Read country FR again", false, em -> em.find(Country.class, "FR"), c -> c.getName());
			step("A", nodeA, "And again: now from node A's near cache", false, em -> em.find(Country.class, "FR"), c -> c.getName());
			step("B", nodeB, "Node B reads the same book (B has never loaded it: the cache is shared)", false,
					em -> em.find(Book.class, duneId), b -> describeBook(b));

			// 5..6 update on B, read on A
			step("B", nodeB, "Node B renames the book (READ_WRITE: new value written to Redis at commit)", true, em -> {
				Book b = em.find(Book.class, duneId);
				b.setTitle("Dune (40th anniversary edition)");
				return b;
			}, b -> "title is now \"" + b.getTitle() + "\"");
			step("A", nodeA, "Node A reads the book again", false,
					em -> em.find(Book.class, duneId), b -> describeBook(b)
							+ (b.getTitle().startsWith("Dune (40th") ? " <- sees B's change" : " <- STALE!"));

			// 7 natural id
			step("A", nodeA, "Look the book up by natural id (ISBN 978-0441013593)", false,
					em -> em.unwrap(Session.class).bySimpleNaturalId(Book.class).load("978-0441013593"),
					b -> describeBook(b));
			step("B", nodeB, "Node B does the same natural-id lookup", false,
					em -> em.unwrap(Session.class).bySimpleNaturalId(Book.class).load("978-0441013593"),
					b -> describeBook(b));

			// 8 cached collection
			step("A", nodeA, "Author #" + herbertId + ".getBooks() (a cached collection)", false,
					em -> titles(em.find(Author.class, herbertId).getBooks()), t -> t);
			step("B", nodeB, "Node B walks the same author's books", false,
					em -> titles(em.find(Author.class, herbertId).getBooks()), t -> t);

			// 9 cached query
			String shown = "JPQL '" + QUERY + "' [FICTION], cacheable";
			step("A", nodeA, shown, false, this::fictionQuery, t -> t);
			step("A", nodeA, "The same cached query again", false, this::fictionQuery, t -> t);
			step("B", nodeB, "Node B inserts a new FICTION book (touches table Book: cached queries on it go stale)", true,
					em -> {
						Book b = new Book("978-0441172719", "Children of Dune", new BigDecimal("10.99"),
								LocalDate.of(1976, 4, 1), Genre.FICTION, em.find(Author.class, herbertId));
						em.persist(b);
						return b;
					}, b -> "inserted " + describeBook(b));
			step("A", nodeA, "Node A re-runs the cached query", false, this::fictionQuery, t -> t);

			// 10 delete
			step("B", nodeB, "Node B deletes book #" + radioId, true, em -> {
				em.remove(em.find(Book.class, radioId));
				return radioId;
			}, id -> "deleted");
			step("A", nodeA, "Node A looks for book #" + radioId, false,
					em -> em.find(Book.class, radioId),
					b -> b == null ? "not found <- A sees B's delete" : "STILL THERE: " + describeBook(b));

			summary(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
		} finally {
			closeQuietly(nodeB);
			closeQuietly(nodeA);
			cleanUp();
		}
	}

	private String fictionQuery(EntityManager em) {
		List<Book> books = em.createQuery(QUERY, Book.class)
				.setParameter("genre", Genre.FICTION)
				.setHint(CACHEABLE, true)
				.getResultList();
		return books.size() + " rows " + titles(books);
	}

	// ------------------------------------------------------------------ step machinery

	private <T> T step(String node, EntityManagerFactory emf, String what, boolean write,
					   Function<EntityManager, T> work, Function<T, String> describe) {
		Snapshot before = Snapshot.of(emf);
		long roundTripsBefore = redisRoundTrips(emf);
		T result;
		EntityManager em = emf.createEntityManager();
		try {
			if (write) {
				em.getTransaction().begin();
				result = work.apply(em);
				em.getTransaction().commit();
			} else {
				result = work.apply(em);
			}
		} catch (RuntimeException e) {
			if (em.getTransaction().isActive()) {
				em.getTransaction().rollback();
			}
			throw e;
		} finally {
			em.close();
		}
		Snapshot d = Snapshot.of(emf).minus(before);
		lastRoundTrips = redisRoundTrips(emf) - roundTripsBefore;
		stepNo++;
		out.printf(Locale.ROOT, "%2d. [node %s] %s%n", stepNo, node, what);
		out.println("      -> " + describe.apply(result));
		out.println("      source: " + source(d, write));
		out.println("      stats : " + d);
		return result;
	}

	private String source(Snapshot d, boolean write) {
		long hits = d.l2Hits + d.queryHits + d.naturalIdHits;
		if (write) {
			return d.sql + " SQL statement(s) to the DATABASE (a write); " + d.l2Puts + " cache put(s)";
		}
		if (d.sql == 0 && hits > 0 && lastRoundTrips == 0) {
			fromCacheSteps++;
			return "NEAR CACHE (in this JVM) - no SQL, no Redis round trip";
		}
		if (d.sql == 0 && hits > 0) {
			fromCacheSteps++;
			return "L2 CACHE (Redis) - no SQL at all";
		}
		if (d.sql > 0 && hits == 0) {
			fromDbSteps++;
			return "DATABASE (" + d.sql + " SQL statement(s))"
					+ (d.l2Puts + d.queryPuts > 0 ? "; the result is now cached in Redis" : "");
		}
		if (d.sql > 0) {
			fromDbSteps++;
			return "partly L2 CACHE (" + hits + " hit(s)), partly DATABASE (" + d.sql + " SQL statement(s))";
		}
		return "nothing loaded (no SQL, no cache hit)";
	}

	private void summary(long millis) {
		out.println();
		out.println("Summary");
		out.println("-------");
		for (String n : List.of("A", "B")) {
			Statistics s = stats("A".equals(n) ? nodeA : nodeB);
			out.printf(Locale.ROOT,
					"node %s: L2 entity/collection cache %d hits, %d misses, %d puts | query cache %d hits, %d misses"
							+ " | natural-id cache %d hits, %d misses | %d SQL statements%n",
					n, s.getSecondLevelCacheHitCount(), s.getSecondLevelCacheMissCount(), s.getSecondLevelCachePutCount(),
					s.getQueryCacheHitCount(), s.getQueryCacheMissCount(),
					s.getNaturalIdCacheHitCount(), s.getNaturalIdCacheMissCount(), s.getPrepareStatementCount());
		}
		out.printf(Locale.ROOT, "read steps served entirely by the cache (Redis or the near cache): %d, read steps that needed the database: %d%n",
				fromCacheSteps, fromDbSteps);
		try (UnifiedJedis jedis = redis()) {
			List<String> keys = keys(jedis);
			out.printf(Locale.ROOT, "Redis now holds %d key(s) under \"%s:\"%s%n", keys.size(), prefix,
					keys.isEmpty() ? "" : ", e.g.:");
			keys.stream().sorted().limit(8).forEach(k -> {
				long pttl = jedis.pttl(k);
				out.println("  " + k + "  (" + (pttl < 0 ? "no expiry" : "expires in " + (pttl / 1000) + " s") + ")");
			});
		}
		out.printf(Locale.ROOT, "Demo finished in %d ms.%n", millis);
	}

	private long lastRoundTrips;

	/** Round trips the node's provider made to Redis so far (heartbeats of the near cache excluded). */
	private static long redisRoundTrips(EntityManagerFactory emf) {
		var factory = (dev.redisl2.hibernate.RedisRegionFactory) emf.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
				.getCache().getRegionFactory();
		return factory.store().roundTripsByCommand().entrySet().stream()
				.filter(e -> !e.getKey().equals("SET"))
				.mapToLong(java.util.Map.Entry::getValue).sum();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private void note(String text) {
		out.println("    " + text);
	}

	// ------------------------------------------------------------------ helpers

	private static String describeBook(Book b) {
		return b == null ? "not found" : "\"" + b.getTitle() + "\" (isbn " + b.getIsbn() + ", version " + b.getVersion() + ")";
	}

	private static String titles(List<Book> books) {
		return books.stream().map(b -> "\"" + b.getTitle() + "\"").collect(Collectors.joining(", ", "[", "]"));
	}

	private static Statistics stats(EntityManagerFactory emf) {
		return emf.unwrap(SessionFactory.class).getStatistics();
	}

	private UnifiedJedis redis() {
		return RedisClient.create(URI.create(redisUrl));
	}

	private List<String> keys(UnifiedJedis jedis) {
		List<String> keys = new ArrayList<>();
		ScanParams params = new ScanParams().match(prefix + ":*").count(500);
		String cursor = ScanParams.SCAN_POINTER_START;
		do {
			ScanResult<String> r = jedis.scan(cursor, params);
			keys.addAll(r.getResult());
			cursor = r.getCursor();
		} while (!ScanParams.SCAN_POINTER_START.equals(cursor));
		return keys;
	}

	/** Deletes this run's keys (never anything else) and drops the in-memory database. */
	private void cleanUp() {
		try (UnifiedJedis jedis = redis()) {
			List<String> keys = keys(jedis);
			for (String k : keys) {
				jedis.del(k);
			}
		} catch (RuntimeException e) {
			out.println("(could not delete the demo keys: " + e + ")");
		}
		try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
			 Statement st = c.createStatement()) {
			st.execute("SHUTDOWN");
		} catch (SQLException ignored) {
			// already gone
		}
	}

	private static void closeQuietly(EntityManagerFactory emf) {
		if (emf != null && emf.isOpen()) {
			try {
				emf.close();
			} catch (RuntimeException e) {
				System.err.println("closing an EntityManagerFactory failed: " + e);
			}
		}
	}

	private static void banner(PrintStream out) {
		out.println("==============================================================================");
		out.println(" redisl2 demo: Hibernate second-level cache in Redis, shared by two nodes");
		out.println("==============================================================================");
	}

	private static org.testcontainers.containers.GenericContainer<?> startContainer() {
		org.testcontainers.containers.GenericContainer<?> redis =
				new org.testcontainers.containers.GenericContainer<>(org.testcontainers.utility.DockerImageName.parse("redis:7"))
						.withExposedPorts(6379);
		redis.start();
		return redis;
	}

	/** Testcontainers' own check: talks to the engine's socket, no CLI needed. */
	private static boolean dockerEngineReachable() {
		try {
			return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
		} catch (RuntimeException | LinkageError e) {
			return false;
		}
	}

	private static boolean dockerAvailable() {
		try {
			Process p = new ProcessBuilder("docker", "info").redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			if (!p.waitFor(10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				return false;
			}
			return p.exitValue() == 0 || dockerEngineReachable();
		} catch (IOException e) {
			return dockerEngineReachable(); // no docker CLI; an engine may still listen on its socket
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String firstNonBlank(String... values) {
		for (String v : values) {
			if (v != null && !v.isBlank()) {
				return v.trim();
			}
		}
		return null;
	}

	private static String redact(String url) {
		return url.replaceAll("//([^@/]*)@", "//***@");
	}

	/** Counters of one node's statistics, and their difference over one step. */
	private record Snapshot(long l2Hits, long l2Misses, long l2Puts, long queryHits, long queryMisses,
							long queryPuts, long naturalIdHits, long naturalIdMisses, long sql) {

		static Snapshot of(EntityManagerFactory emf) {
			Statistics s = stats(emf);
			return new Snapshot(s.getSecondLevelCacheHitCount(), s.getSecondLevelCacheMissCount(),
					s.getSecondLevelCachePutCount(), s.getQueryCacheHitCount(), s.getQueryCacheMissCount(),
					s.getQueryCachePutCount(), s.getNaturalIdCacheHitCount(), s.getNaturalIdCacheMissCount(), s.getPrepareStatementCount());
		}

		Snapshot minus(Snapshot o) {
			return new Snapshot(l2Hits - o.l2Hits, l2Misses - o.l2Misses, l2Puts - o.l2Puts,
					queryHits - o.queryHits, queryMisses - o.queryMisses, queryPuts - o.queryPuts,
					naturalIdHits - o.naturalIdHits, naturalIdMisses - o.naturalIdMisses, sql - o.sql);
		}

		@Override
		public String toString() {
			StringBuilder sb = new StringBuilder();
			sb.append("L2 ").append(l2Hits).append(" hit/").append(l2Misses).append(" miss/").append(l2Puts).append(" put");
			if (queryHits + queryMisses > 0) {
				sb.append(", query cache ").append(queryHits).append(" hit/").append(queryMisses).append(" miss");
			}
			if (naturalIdHits + naturalIdMisses > 0) {
				sb.append(", natural-id cache ").append(naturalIdHits).append(" hit/").append(naturalIdMisses).append(" miss");
			}
			sb.append(", ").append(sql).append(" SQL");
			return sb.toString();
		}
	}
}
