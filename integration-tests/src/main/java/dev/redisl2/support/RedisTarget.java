package dev.redisl2.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis deployment a test points the provider at: one server, a Cluster or a Sentinel group. It says
 * which provider settings reach it and lets the test look at (and clean) the keys on every primary.
 */
public interface RedisTarget {

	/** The provider settings that select this deployment ({@code hibernate.cache.redis.url}, {@code cluster.nodes}, ...). */
	Map<String, Object> providerSettings();

	/** A new raw client on the deployment (the caller closes it). */
	UnifiedJedis newClient();

	/** The servers that hold data now (one, or every master of a cluster). */
	List<RedisServerProcess> primaries();

	/** Whether the data can be inspected right now (no primary paused or killed). */
	default boolean inspectable() {
		List<RedisServerProcess> primaries = primaries();
		return !primaries.isEmpty() && primaries.stream().allMatch(p -> p.isRunning() && !p.isPaused());
	}

	/** Every key matching a SCAN pattern, on every primary, sorted. */
	default Set<String> keys(String pattern) {
		Set<String> keys = new TreeSet<>();
		for (RedisServerProcess primary : primaries()) {
			try (Jedis jedis = direct(primary)) {
				keys.addAll(scan(jedis, pattern));
			}
		}
		return keys;
	}

	/** Deletes every key matching a SCAN pattern on every primary (pipelined UNLINK, one key per command). */
	default void deleteKeys(String pattern) {
		for (RedisServerProcess primary : primaries()) {
			try (Jedis jedis = direct(primary)) {
				Pipeline pipeline = jedis.pipelined();
				for (String key : scan(jedis, pattern)) {
					pipeline.unlink(key);
				}
				pipeline.sync();
			}
		}
	}

	/** The keys of one server matching a SCAN pattern. */
	private static List<String> scan(Jedis jedis, String pattern) {
		List<String> found = new ArrayList<>();
		ScanParams params = new ScanParams().match(pattern).count(1000);
		String cursor = ScanParams.SCAN_POINTER_START;
		do {
			ScanResult<String> page = jedis.scan(cursor, params);
			found.addAll(page.getResult());
			cursor = page.getCursor();
		} while (!ScanParams.SCAN_POINTER_START.equals(cursor));
		return found;
	}

	/** A single connection to one server, authenticated like the deployment. */
	static Jedis direct(RedisServerProcess server) {
		// the classic Jedis class speaks RESP2 only: say so, instead of a warning per connection
		DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().socketTimeoutMillis(5_000)
				.protocol(redis.clients.jedis.RedisProtocol.RESP2);
		server.password().ifPresent(config::password);
		return new Jedis(server.host(), server.port(), config.build());
	}

	/** {@code host:port,host:port,...} of some servers: the value of {@code cluster.nodes} or {@code sentinel.nodes}. */
	static String hostPorts(List<RedisServerProcess> servers) {
		return servers.stream().map(s -> s.host() + ":" + s.port()).collect(java.util.stream.Collectors.joining(","));
	}

	/** The same servers, as seeds for a Jedis client. */
	static Set<HostAndPort> seeds(List<RedisServerProcess> servers) {
		Set<HostAndPort> seeds = new java.util.LinkedHashSet<>();
		for (RedisServerProcess server : servers) {
			seeds.add(new HostAndPort(server.host(), server.port()));
		}
		return seeds;
	}

	/** A raw client's configuration for a deployment with this password (or none). */
	static DefaultJedisClientConfig clientConfig(String password) {
		DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().socketTimeoutMillis(5_000);
		if (password != null) {
			config.password(password);
		}
		return config.build();
	}

	/**
	 * Provider settings for a Cluster or Sentinel deployment: the topology's own, plus a URL carrying the
	 * password (its host part is ignored with those topologies).
	 */
	static Map<String, Object> topologySettings(String password, String... keysAndValues) {
		Map<String, Object> settings = new java.util.LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			settings.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		if (password != null) {
			settings.put("hibernate.cache.redis.url", "redis://:" + password + "@127.0.0.1");
		}
		return settings;
	}

	/** Closes every server, even when some fail to close; rethrows the first failure. */
	static void closeAll(List<RedisServerProcess> servers) {
		RuntimeException first = null;
		for (RedisServerProcess server : servers) {
			try {
				server.close();
			} catch (RuntimeException e) {
				first = first == null ? e : first;
			}
		}
		if (first != null) {
			throw first;
		}
	}

	/** One private redis-server. */
	static RedisTarget of(RedisServerProcess server) {
		return new RedisTarget() {
			@Override
			public Map<String, Object> providerSettings() {
				return Map.of("hibernate.cache.redis.url", server.url());
			}

			@Override
			public UnifiedJedis newClient() {
				return Clients.standalone(server.url());
			}

			@Override
			public List<RedisServerProcess> primaries() {
				return List.of(server);
			}

			@Override
			public String toString() {
				return server.toString();
			}
		};
	}
}
