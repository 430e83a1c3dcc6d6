package dev.redisl2.it.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.hibernate.config.InvalidSettingException;
import dev.redisl2.it.PrivateRedisExtension;
import dev.redisl2.it.SharedClusterExtension;
import dev.redisl2.it.StatsProbe;
import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.Counter;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, point 1: the topology settings select Cluster or Sentinel, take credentials from the URL, and
 * a setting that points at the wrong kind of Redis fails the bootstrap at once, naming the setting.
 */
@ExtendWith({PrivateRedisExtension.class, SharedClusterExtension.class})
class TopologySettingsTest {

	@Test
	void clusterNodesPointingAtASingleRedisNamesTheSetting(RedisServerProcess single) {
		String message = bootFailure(Map.of("hibernate.cache.redis.cluster.nodes", single.host() + ":" + single.port()));
		assertTrue(message.contains("hibernate.cache.redis.cluster.nodes"), message);
		assertTrue(message.contains("not a Redis Cluster node"), message);
	}

	@Test
	void sentinelNodesPointingAtADataNodeNamesTheSetting(RedisServerProcess single) {
		String message = bootFailure(Map.of("hibernate.cache.redis.sentinel.master", "mymaster",
				"hibernate.cache.redis.sentinel.nodes", single.host() + ":" + single.port()));
		assertTrue(message.contains("hibernate.cache.redis.sentinel.nodes"), message);
	}

	@Test
	void aDatabaseNumberWithClusterNodesNamesTheUrl() {
		String message = bootFailure(Map.of("hibernate.cache.redis.cluster.nodes", SharedClusterExtension.cluster().seeds(),
				"hibernate.cache.redis.url", "redis://127.0.0.1/2"));
		assertTrue(message.contains("hibernate.cache.redis.url"), message);
		assertTrue(message.contains("database 0"), message);
	}

	@Test
	void aWrongClusterPasswordNamesTheUrlWithoutEchoingIt() {
		// the shared cluster has no password: AUTH with one fails
		String message = bootFailure(Map.of("hibernate.cache.redis.cluster.nodes", SharedClusterExtension.cluster().seeds(),
				"hibernate.cache.redis.url", "redis://app:hunter2@127.0.0.1"));
		assertTrue(message.contains("hibernate.cache.redis.url"), message);
		assertFalse(message.contains("hunter2"), message);
	}

	@Test
	void clusterNodesSelectTheClusterLayout() {
		try (TwoNodes nodes = TwoNodes.open(SharedClusterExtension.cluster(), SampleApp.UNIT_SAMPLE, getClass(), "layout", Map.of())) {
			TwoNodes.inTx(nodes.a(), em -> em.persist(new Counter(5L, 5)));
			TwoNodes.fromTx(nodes.a(), em -> em.find(Counter.class, 5L));
			StatsProbe p = StatsProbe.of(nodes.b());
			assertNotNull(TwoNodes.fromTx(nodes.b(), em -> em.find(Counter.class, 5L)));
			assertEquals(1, p.l2Hits(), p.toString());
			String key = new String(Regions.storage(nodes.a(), "dev.redisl2.sample.Counter").key("Counter#5"));
			assertTrue(nodes.keys().contains(key), key + " in " + nodes.keys());
			assertTrue(key.matches(".*:\\{[0-9a-z]{1,3}\\}Counter#5"), "a bucket-tagged key: " + key);
		}
	}

	private static String bootFailure(Map<String, Object> topology) {
		Map<String, Object> settings = new HashMap<>(SampleApp.settings()
				.keyPrefix("it-settings")
				.jdbcUrl(SampleApp.h2MemUrl("topology_settings"))
				.schemaAction("create")
				.build());
		settings.putAll(topology);
		Throwable failure = assertThrows(RuntimeException.class, () -> {
			EntityManagerFactory emf = SampleApp.entityManagerFactory(SampleApp.UNIT_SAMPLE, settings);
			emf.close();
		});
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof InvalidSettingException) {
				return t.getMessage();
			}
		}
		throw new AssertionError("no InvalidSettingException in the failure chain", failure);
	}
}
