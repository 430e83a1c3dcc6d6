package dev.redisl2.it;

import dev.redisl2.support.RedisServerProcess;
import dev.redisl2.support.RedisTarget;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One private redis-server per test class ({@link PrivateRedisExtension}); per test, a fresh
 * {@link TwoNodes} (node A {@link #a}, node B {@link #b}, fresh H2 database, fresh key prefix).
 * Subclasses may override {@link #unit()} and {@link #settings()}.
 */
@ExtendWith(PrivateRedisExtension.class)
public abstract class TwoNodeTestBase {

	protected RedisServerProcess redis;
	protected TwoNodes nodes;
	protected EntityManagerFactory a;
	protected EntityManagerFactory b;

	/** Persistence unit; default {@code sample}. */
	protected String unit() {
		return dev.redisl2.sample.SampleApp.UNIT_SAMPLE;
	}

	/** Extra settings for both nodes. */
	protected Map<String, Object> settings() {
		return Map.of();
	}

	/**
	 * The Redis deployment both nodes use; default the class's private redis-server. Topology variants
	 * (Cluster, Sentinel) return theirs.
	 */
	protected RedisTarget target(RedisServerProcess privateRedis) {
		return null;
	}

	@BeforeEach
	void openNodes(RedisServerProcess redis, TestInfo info) {
		this.redis = redis;
		String name = info.getTestMethod().map(m -> m.getName()).orElse("test");
		RedisTarget target = target(redis);
		nodes = target == null
				? TwoNodes.open(redis, unit(), getClass(), name, settings())
				: TwoNodes.open(target, unit(), getClass(), name, settings());
		a = nodes.a();
		b = nodes.b();
		afterNodesOpened();
	}

	/** Hook for schema tweaks etc. */
	protected void afterNodesOpened() {
	}

	@AfterEach
	void closeNodes() {
		if (nodes != null) {
			nodes.close();
		}
	}

	protected static void inTx(EntityManagerFactory emf, Consumer<EntityManager> work) {
		TwoNodes.inTx(emf, work);
	}

	protected static <T> T fromTx(EntityManagerFactory emf, Function<EntityManager, T> work) {
		return TwoNodes.fromTx(emf, work);
	}

	/** Evicts every entity, collection, natural-id and query region (shared: affects both nodes). */
	protected void evictAll() {
		a.getCache().evictAll();
		a.unwrap(org.hibernate.SessionFactory.class).getCache().evictAllRegions();
	}
}
