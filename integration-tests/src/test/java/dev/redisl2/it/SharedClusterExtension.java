package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.support.RedisClusterProcess;
import dev.redisl2.support.RedisServerProcess;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Redis Cluster (3 masters with 1 replica each, on loopback) for every test class of the run that
 * registers this extension; started by the first, stopped when the run ends. After each test it checks
 * that neither node of a {@link TwoNodeTestBase} saw a Redis failure (a CROSSSLOT refused by Jedis or by
 * a server would count), and after each class that no cluster node ever answered CROSSSLOT.
 */
public final class SharedClusterExtension implements BeforeAllCallback, AfterTestExecutionCallback, AfterAllCallback {

	private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedClusterExtension.class);
	private static volatile RedisClusterProcess cluster;

	/** The shared cluster (started by {@link #beforeAll}). */
	public static RedisClusterProcess cluster() {
		RedisClusterProcess c = cluster;
		if (c == null) {
			throw new IllegalStateException("the shared cluster is not started: register SharedClusterExtension");
		}
		return c;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// the root store closes it (AutoCloseable) when the whole run ends
		cluster = context.getRoot().getStore(NS).getOrComputeIfAbsent("cluster",
				key -> RedisClusterProcess.builder().start(), RedisClusterProcess.class);
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getRequiredTestInstance() instanceof TwoNodeTestBase test && test.nodes != null) {
			assertEquals(0, redisFailures(test.a) + redisFailures(test.b),
					"Redis operations failed on the cluster (see the WARN log: CROSSSLOT, redirections?)");
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		for (RedisServerProcess node : cluster().nodes()) {
			if (node.isRunning()) {
				String errors = node.command("INFO", "errorstats");
				assertEquals(false, errors.contains("CROSSSLOT"), node + " answered CROSSSLOT: " + errors);
			}
		}
	}

	static long redisFailures(EntityManagerFactory emf) {
		RedisRegionFactory factory = (RedisRegionFactory) emf.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory();
		return factory.store().failures();
	}
}
