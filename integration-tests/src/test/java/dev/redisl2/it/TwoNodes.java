package dev.redisl2.it;

import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two application "nodes": two EntityManagerFactories of one persistence unit on ONE fresh H2 database
 * and ONE Redis deployment (a server, a Cluster or a Sentinel group: a {@link RedisTarget}), with a key
 * prefix of their own. Node A creates the schema, node B leaves it alone. {@link #close()} closes both
 * factories, deletes the keys under the prefix and drops the database.
 */
public final class TwoNodes implements AutoCloseable {

	private static final AtomicInteger SEQ = new AtomicInteger();

	private final RedisServerProcess redis;
	private final RedisTarget target;
	private final String unit;
	private final String prefix;
	private final String jdbcUrl;
	private final UnifiedJedis jedis;
	private EntityManagerFactory a;
	private EntityManagerFactory b;

	private TwoNodes(RedisServerProcess redis, RedisTarget target, String unit, String prefix, String jdbcUrl) {
		this.redis = redis;
		this.target = target;
		this.unit = unit;
		this.prefix = prefix;
		this.jdbcUrl = jdbcUrl;
		this.jedis = target.newClient();
	}

	/** Unit {@code sample}, default provider settings. */
	public static TwoNodes open(RedisServerProcess redis, Class<?> testClass, String testName) {
		return open(redis, SampleApp.UNIT_SAMPLE, testClass, testName, Map.of());
	}

	/**
	 * @param extra settings applied to both nodes on top of persistence.xml (e.g. a TTL)
	 */
	public static TwoNodes open(RedisServerProcess redis, String unit, Class<?> testClass, String testName,
								Map<String, Object> extra) {
		return open(redis, RedisTarget.of(redis), unit, testClass, testName, extra, extra);
	}

	/** Both nodes on a Redis deployment of any topology (its {@link RedisTarget#providerSettings()}). */
	public static TwoNodes open(RedisTarget target, String unit, Class<?> testClass, String testName,
								Map<String, Object> extra) {
		return open(null, target, unit, testClass, testName, extra, extra);
	}

	/**
	 * @param extraA settings for node A only (e.g. a Redis URL through a proxy), on top of persistence.xml
	 * @param extraB settings for node B only
	 */
	public static TwoNodes open(RedisServerProcess redis, String unit, Class<?> testClass, String testName,
								Map<String, Object> extraA, Map<String, Object> extraB) {
		return open(redis, RedisTarget.of(redis), unit, testClass, testName, extraA, extraB);
	}

	private static TwoNodes open(RedisServerProcess redis, RedisTarget target, String unit, Class<?> testClass,
								 String testName, Map<String, Object> extraA, Map<String, Object> extraB) {
		int n = SEQ.incrementAndGet();
		String db = testClass.getSimpleName() + "_" + n;
		String prefix = "it-" + sanitize(testClass.getSimpleName()) + "-" + sanitize(testName) + "-" + n + "-"
				+ UUID.randomUUID().toString().substring(0, 6);
		TwoNodes nodes = new TwoNodes(redis, target, unit, prefix, SampleApp.h2MemUrl(db));
		try {
			nodes.a = nodes.boot("create", extraA);
			nodes.b = nodes.boot("none", extraB);
		} catch (RuntimeException e) {
			nodes.close();
			throw e;
		}
		return nodes;
	}

	private EntityManagerFactory boot(String schemaAction, Map<String, Object> extra) {
		Map<String, Object> settings = new HashMap<>(SampleApp.settings()
				.setAll(target.providerSettings())
				.keyPrefix(prefix)
				.jdbcUrl(jdbcUrl)
				.schemaAction(schemaAction)
				.build());
		settings.putAll(extra);
		return SampleApp.entityManagerFactory(unit, settings);
	}

	// ------------------------------------------------------------------ accessors

	public EntityManagerFactory a() {
		return a;
	}

	public EntityManagerFactory b() {
		return b;
	}

	public String prefix() {
		return prefix;
	}

	public String jdbcUrl() {
		return jdbcUrl;
	}

	/** The single redis-server (null when the nodes run on a Cluster or Sentinel group: see {@link #target()}). */
	public RedisServerProcess redis() {
		return redis;
	}

	public RedisTarget target() {
		return target;
	}

	/** A raw client on the same Redis, to inspect keys. Closed by {@link #close()}. */
	public UnifiedJedis jedis() {
		return jedis;
	}

	// ------------------------------------------------------------------ helpers

	public static void inTx(EntityManagerFactory emf, Consumer<EntityManager> work) {
		fromTx(emf, em -> {
			work.accept(em);
			return null;
		});
	}

	/** Runs {@code work} in a new EntityManager and transaction, commits, returns its result. */
	public static <T> T fromTx(EntityManagerFactory emf, Function<EntityManager, T> work) {
		EntityManager em = emf.createEntityManager();
		try {
			em.getTransaction().begin();
			T result = work.apply(em);
			em.getTransaction().commit();
			return result;
		} catch (RuntimeException | Error e) {
			if (em.getTransaction().isActive()) {
				em.getTransaction().rollback();
			}
			throw e;
		} finally {
			em.close();
		}
	}

	/** Runs {@code work} in a new EntityManager and transaction that is ROLLED BACK at the end. */
	public static void inTxRolledBack(EntityManagerFactory emf, Consumer<EntityManager> work) {
		EntityManager em = emf.createEntityManager();
		try {
			em.getTransaction().begin();
			work.accept(em);
		} finally {
			if (em.getTransaction().isActive()) {
				em.getTransaction().rollback();
			}
			em.close();
		}
	}

	/** A new Session (with {@code tenant} unless null) and transaction, committed at the end. */
	public static <T> T inSession(EntityManagerFactory emf, String tenant, Function<Session, T> work) {
		SessionFactory sf = emf.unwrap(SessionFactory.class);
		Session s = tenant == null ? sf.openSession() : sf.withOptions().tenantIdentifier(tenant).openSession();
		try {
			s.getTransaction().begin();
			T result = work.apply(s);
			s.getTransaction().commit();
			return result;
		} catch (RuntimeException | Error e) {
			if (s.getTransaction().isActive()) {
				s.getTransaction().rollback();
			}
			throw e;
		} finally {
			s.close();
		}
	}

	public static Statistics stats(EntityManagerFactory emf) {
		return emf.unwrap(SessionFactory.class).getStatistics();
	}

	/** Every key under this fixture's prefix, sorted. */
	public Set<String> keys() {
		return keys(prefix + ":*");
	}

	/** Every key matching a SCAN pattern (on every primary), sorted. */
	public Set<String> keys(String pattern) {
		return target.keys(pattern);
	}

	/** Keys of one Hibernate region (entity name, collection role, ...) under the prefix. */
	public Set<String> regionKeys(String regionName) {
		return keys(prefix + ":" + globEscape(regionName) + ":*");
	}

	/** Raw bytes of a string key's value (any codec); null when absent or not a string. */
	public byte[] rawValue(String key) {
		if (!"string".equals(jedis.type(key))) {
			return null;
		}
		return jedis.get(key.getBytes(StandardCharsets.UTF_8));
	}

	/** True when any key under the prefix has a value whose bytes contain {@code text} (UTF-8). */
	public boolean anyValueContains(String text) {
		byte[] needle = text.getBytes(StandardCharsets.UTF_8);
		for (String k : keys()) {
			byte[] v = rawValue(k);
			if (v != null && indexOf(v, needle) >= 0) {
				return true;
			}
		}
		return false;
	}

	/** Runs SQL straight on the shared H2 database (outside Hibernate and its cache). */
	public void jdbc(String... statements) {
		try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
			 Statement st = c.createStatement()) {
			for (String sql : statements) {
				st.execute(sql);
			}
		} catch (SQLException e) {
			throw new IllegalStateException("SQL failed on " + jdbcUrl + ": " + e.getMessage(), e);
		}
	}

	public Pattern entryKeyPattern() {
		return Pattern.compile("^" + Pattern.quote(prefix) + ":[^:{}]+:\\{.+\\}$");
	}

	@Override
	public void close() {
		RuntimeException first = null;
		for (EntityManagerFactory emf : new EntityManagerFactory[] {b, a}) {
			try {
				if (emf != null && emf.isOpen()) {
					emf.close();
				}
			} catch (RuntimeException e) {
				first = first == null ? e : first;
			}
		}
		try {
			if (target.inspectable()) {
				target.deleteKeys(prefix + ":*");
			}
		} catch (RuntimeException ignored) {
			// a test that killed Redis: nothing to clean
		}
		jedis.close();
		try (Connection c = DriverManager.getConnection(jdbcUrl, "sa", "");
			 Statement st = c.createStatement()) {
			st.execute("SHUTDOWN");
		} catch (SQLException ignored) {
			// already gone
		}
		if (first != null) {
			throw first;
		}
	}

	// ------------------------------------------------------------------ internals

	private static String sanitize(String s) {
		String t = s.replaceAll("[^A-Za-z0-9]", "");
		return t.length() > 40 ? t.substring(0, 40) : t;
	}

	private static String globEscape(String s) {
		return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
	}

	private static int indexOf(byte[] hay, byte[] needle) {
		outer:
		for (int i = 0; i <= hay.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (hay[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}
}
