package dev.redisl2.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A private Sentinel deployment on loopback: one primary, one replica and three sentinels (quorum 2)
 * monitoring it as {@value #MASTER_NAME}, each a {@link RedisServerProcess}. Failure detection is quick
 * ({@code down-after-milliseconds} 1000 by default), so a killed primary is replaced within seconds.
 * {@link #close()} stops everything and deletes the directories.
 *
 * <pre>{@code
 * try (RedisSentinelProcess group = RedisSentinelProcess.builder().start()) {
 *     RedisServerProcess primary = group.primary();
 *     primary.kill();
 *     group.awaitFailover(primary, Duration.ofSeconds(30));   // the replica is primary, sentinels agree
 * }
 * }</pre>
 */
public final class RedisSentinelProcess implements RedisTarget, AutoCloseable {

	public static final String MASTER_NAME = "redisl2";

	private final List<RedisServerProcess> servers;
	private final List<RedisServerProcess> sentinels;
	private final String password;

	private RedisSentinelProcess(List<RedisServerProcess> servers, List<RedisServerProcess> sentinels, String password) {
		this.servers = List.copyOf(servers);
		this.sentinels = List.copyOf(sentinels);
		this.password = password;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The primary and the replica, in start order (roles change on failover). */
	public List<RedisServerProcess> servers() {
		return servers;
	}

	public List<RedisServerProcess> sentinels() {
		return sentinels;
	}

	/** {@code host:port,...} of the sentinels: the value of {@code hibernate.cache.redis.sentinel.nodes}. */
	public String sentinelNodes() {
		return RedisTarget.hostPorts(sentinels);
	}

	/** The server the sentinels name as primary now. */
	public RedisServerProcess primary() {
		int port = primaryPort();
		return servers.stream().filter(s -> s.port() == port).findFirst()
				.orElseThrow(() -> new IllegalStateException("sentinels name an unknown primary on port " + port));
	}

	/** The other server. */
	public RedisServerProcess replica() {
		RedisServerProcess primary = primary();
		return servers.stream().filter(s -> s != primary).findFirst().orElseThrow();
	}

	/** Waits until every running sentinel names another server than {@code oldPrimary}, and that server is a primary. */
	public void awaitFailover(RedisServerProcess oldPrimary, Duration timeout) {
		Await.until(timeout, () -> {
			for (RedisServerProcess sentinel : sentinels) {
				if (sentinel.isRunning() && portNamedBy(sentinel) == oldPrimary.port()) {
					return false;
				}
			}
			RedisServerProcess primary = primary();
			return primary.isRunning() && primary.command("INFO", "replication").contains("role:master");
		}, "the sentinels to promote the replica of " + oldPrimary);
	}

	// ------------------------------------------------------------------ RedisTarget

	@Override
	public Map<String, Object> providerSettings() {
		return RedisTarget.topologySettings(password, "hibernate.cache.redis.sentinel.master", MASTER_NAME,
				"hibernate.cache.redis.sentinel.nodes", sentinelNodes());
	}

	@Override
	public UnifiedJedis newClient() {
		return RedisSentinelClient.builder().masterName(MASTER_NAME).sentinels(RedisTarget.seeds(sentinels))
				.clientConfig(RedisTarget.clientConfig(password)).build();
	}

	@Override
	public List<RedisServerProcess> primaries() {
		return List.of(primary());
	}

	@Override
	public void close() {
		List<RedisServerProcess> all = new ArrayList<>(sentinels);
		all.addAll(servers);
		RedisTarget.closeAll(all);
	}

	@Override
	public String toString() {
		return "sentinel group '" + MASTER_NAME + "' via " + sentinelNodes();
	}

	// ------------------------------------------------------------------ internals

	private int primaryPort() {
		for (RedisServerProcess sentinel : sentinels) {
			if (sentinel.isRunning()) {
				try {
					return portNamedBy(sentinel);
				} catch (RuntimeException e) {
					// ask the next one
				}
			}
		}
		throw new IllegalStateException("no sentinel answers");
	}

	private static int portNamedBy(RedisServerProcess sentinel) {
		String reply = sentinel.command(Duration.ofSeconds(2), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
		return Integer.parseInt(reply.split("\n")[1].trim());
	}


	// ------------------------------------------------------------------ builder

	public static final class Builder {
		private Duration downAfter = Duration.ofSeconds(1);
		private String password;

		private Builder() {
		}

		/** {@code sentinel down-after-milliseconds}: how long a silent primary stays primary. */
		public Builder downAfter(Duration downAfter) {
			this.downAfter = downAfter;
			return this;
		}

		/** {@code requirepass}/{@code masterauth} on both servers (the sentinels get {@code auth-pass}). */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		public RedisSentinelProcess start() {
			List<RedisServerProcess> servers = new ArrayList<>();
			List<RedisServerProcess> sentinels = new ArrayList<>();
			try {
				RedisServerProcess primary = server("primary").start();
				servers.add(primary);
				servers.add(server("replica").arg("replicaof", primary.host(), Integer.toString(primary.port())).start());
				Await.until(Duration.ofSeconds(20), () -> servers.get(1).command("INFO", "replication")
						.contains("master_link_status:up"), "the replica to sync");
				for (int i = 0; i < 3; i++) {
					List<String> lines = new ArrayList<>(List.of(
							"sentinel monitor " + MASTER_NAME + " " + primary.host() + " " + primary.port() + " 2",
							"sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfter.toMillis(),
							"sentinel failover-timeout " + MASTER_NAME + " 10000",
							"sentinel parallel-syncs " + MASTER_NAME + " 1"));
					if (password != null) {
						lines.add("sentinel auth-pass " + MASTER_NAME + " " + password);
					}
					sentinels.add(RedisServerProcess.builder().name("sentinel-" + i).sentinel()
							.configLines(lines.toArray(String[]::new)).start());
				}
				RedisSentinelProcess group = new RedisSentinelProcess(servers, sentinels, password);
				// a failover needs a quorum of sentinels that know each other, and a known replica
				Await.until(Duration.ofSeconds(30), () -> sentinels.stream().allMatch(s -> {
					String master = s.command("SENTINEL", "MASTER", MASTER_NAME);
					return field(master, "num-other-sentinels") == 2 && field(master, "num-slaves") == 1;
				}), "the sentinels to discover each other and the replica");
				return group;
			} catch (RuntimeException e) {
				sentinels.forEach(RedisServerProcess::close);
				servers.forEach(RedisServerProcess::close);
				throw e;
			}
		}

		private RedisServerProcess.Builder server(String name) {
			RedisServerProcess.Builder builder = RedisServerProcess.builder().name(name)
					.arg("repl-diskless-sync-delay", "0");
			if (password != null) {
				builder.password(password).arg("masterauth", password);
			}
			return builder;
		}

		/** A numeric field of a flat SENTINEL MASTER reply (name and value on alternate lines). */
		private static int field(String reply, String name) {
			String[] lines = reply.split("\n");
			for (int i = 0; i + 1 < lines.length; i += 2) {
				if (lines[i].equals(name)) {
					return Integer.parseInt(lines[i + 1].trim());
				}
			}
			return -1;
		}
	}
}
