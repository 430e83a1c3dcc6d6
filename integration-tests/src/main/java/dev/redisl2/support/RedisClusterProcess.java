package dev.redisl2.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A private Redis Cluster on loopback: {@code masters} primaries with {@code replicas} replicas each,
 * every node a {@link RedisServerProcess} started with {@code --cluster-enabled yes} on a free port
 * whose bus port (+10000) is free too, joined by {@code redis-cli --cluster create}. {@link #close()}
 * stops every node and deletes their directories.
 *
 * <pre>{@code
 * try (RedisClusterProcess cluster = RedisClusterProcess.builder().masters(3).replicas(1).start()) {
 *     String seeds = cluster.seeds();                  // "127.0.0.1:p1,127.0.0.1:p2,..."
 *     RedisServerProcess master = cluster.masterOf(slot);
 *     master.kill();
 *     cluster.awaitFailover(master);                    // its replica took over, cluster_state:ok
 *     cluster.reshard(from, to, 500);                   // redis-cli --cluster reshard
 * }
 * }</pre>
 *
 * The node timeout defaults to 1 s, so that a killed master is replaced within a few seconds.
 */
public final class RedisClusterProcess implements RedisTarget, AutoCloseable {

	public static final String CLI_PROPERTY = "redis.cli.binary";
	public static final String CLI_ENV = "REDIS_CLI_BIN";

	private final List<RedisServerProcess> nodes;
	private final Path cli;
	private final Duration nodeTimeout;
	private final String password;

	private RedisClusterProcess(List<RedisServerProcess> nodes, Path cli, Duration nodeTimeout, String password) {
		this.nodes = List.copyOf(nodes);
		this.cli = cli;
		this.nodeTimeout = nodeTimeout;
		this.password = password;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Searches {@value #CLI_PROPERTY}, {@value #CLI_ENV}, then {@code PATH}. */
	public static Optional<Path> findRedisCliBinary() {
		return RedisServerProcess.findBinary("redis-cli", CLI_PROPERTY, CLI_ENV);
	}

	// ------------------------------------------------------------------ topology

	/** Every node, in start order (masters and replicas alike; roles change on failover). */
	public List<RedisServerProcess> nodes() {
		return nodes;
	}

	/** {@code host:port,host:port,...} of every node: the value of {@code hibernate.cache.redis.cluster.nodes}. */
	public String seeds() {
		return RedisTarget.hostPorts(nodes);
	}

	// ------------------------------------------------------------------ RedisTarget

	/** {@code cluster.nodes} = every node; with a password, a URL that carries it. */
	@Override
	public Map<String, Object> providerSettings() {
		return RedisTarget.topologySettings(password, "hibernate.cache.redis.cluster.nodes", seeds());
	}

	@Override
	public UnifiedJedis newClient() {
		// a test must not hang on a dead master: retries give up after 2 s (Jedis' default is 5 socket timeouts)
		return RedisClusterClient.builder().nodes(RedisTarget.seeds(nodes)).clientConfig(RedisTarget.clientConfig(password))
				.maxTotalRetriesDuration(Duration.ofSeconds(2)).build();
	}

	@Override
	public List<RedisServerProcess> primaries() {
		return masters();
	}

	/** The running nodes that are masters now, as some live node sees them, in port order. */
	public List<RedisServerProcess> masters() {
		List<RedisServerProcess> masters = new ArrayList<>();
		for (NodeLine line : view()) {
			if (line.master() && !line.failed() && !line.slots().isEmpty()) {
				byPort(line.port()).filter(RedisServerProcess::isRunning).ifPresent(masters::add);
			}
		}
		masters.sort((x, y) -> Integer.compare(x.port(), y.port()));
		return masters;
	}

	/** The running replicas of a master. */
	public List<RedisServerProcess> replicasOf(RedisServerProcess master) {
		String id = nodeId(master);
		List<RedisServerProcess> replicas = new ArrayList<>();
		for (NodeLine line : view()) {
			if (!line.master() && id.equals(line.masterId())) {
				byPort(line.port()).filter(RedisServerProcess::isRunning).ifPresent(replicas::add);
			}
		}
		return replicas;
	}

	/** The master serving a hash slot now. */
	public RedisServerProcess masterOf(int slot) {
		for (NodeLine line : view()) {
			if (line.master() && !line.failed() && line.owns(slot)) {
				return byPort(line.port()).orElseThrow();
			}
		}
		throw new IllegalStateException("no master serves slot " + slot);
	}

	/** The cluster node id of a node ({@code CLUSTER MYID}). */
	public String nodeId(RedisServerProcess node) {
		return node.command("CLUSTER", "MYID");
	}

	/** Number of keys a node holds ({@code DBSIZE}). */
	public long keyCount(RedisServerProcess node) {
		return Long.parseLong(node.command("DBSIZE"));
	}

	// ------------------------------------------------------------------ faults and operations

	/**
	 * Waits until a former replica of {@code oldMaster} serves its slots and every running node reports
	 * {@code cluster_state:ok}. Call after killing or pausing {@code oldMaster}.
	 */
	public void awaitFailover(RedisServerProcess oldMaster, Duration timeout) {
		int port = oldMaster.port();
		Await.until(timeout, () -> {
			for (NodeLine line : view()) {
				if (line.port() == port && line.master() && !line.failed() && !line.slots().isEmpty()) {
					return false;
				}
			}
			return allOk();
		}, "a replica of " + oldMaster + " to take over");
	}

	/** Waits until every running node reports {@code cluster_state:ok} and agrees on the slot owners. */
	public void awaitStable(Duration timeout) {
		Await.until(timeout, () -> allOk() && agree(), "cluster_state:ok on every node");
	}

	/**
	 * Moves {@code slots} hash slots from {@code from} to {@code to} with {@code redis-cli --cluster reshard}
	 * (MIGRATE of every key, then CLUSTER SETSLOT), while clients keep running.
	 */
	public String reshard(RedisServerProcess from, RedisServerProcess to, int slots) {
		List<String> args = authArgs();
		args.addAll(List.of("--cluster", "reshard", from.host() + ":" + from.port(),
				"--cluster-from", nodeId(from), "--cluster-to", nodeId(to),
				"--cluster-slots", Integer.toString(slots), "--cluster-yes", "--cluster-pipeline", "50"));
		return cli(Duration.ofMinutes(2), args.toArray(String[]::new));
	}

	private List<String> authArgs() {
		return password == null ? new ArrayList<>() : new ArrayList<>(List.of("-a", password, "--no-auth-warning"));
	}

	/** Runs redis-cli with the given arguments; returns its output, fails on a non-zero exit. */
	public String cli(Duration timeout, String... args) {
		List<String> command = new ArrayList<>();
		command.add(cli.toString());
		Collections.addAll(command, args);
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			p.getOutputStream().close();
			byte[] out;
			// read while waiting: the output of a reshard is long
			var reader = new java.io.ByteArrayOutputStream();
			Thread pump = new Thread(() -> {
				try {
					p.getInputStream().transferTo(reader);
				} catch (IOException ignored) {
					// process gone
				}
			}, "redis-cli-output");
			pump.start();
			if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				p.destroyForcibly();
				throw new IllegalStateException("redis-cli " + String.join(" ", args) + " timed out");
			}
			pump.join(5_000);
			out = reader.toByteArray();
			String text = new String(out, StandardCharsets.UTF_8);
			if (p.exitValue() != 0) {
				throw new IllegalStateException("redis-cli " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + text);
			}
			return text;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	@Override
	public void close() {
		RedisTarget.closeAll(nodes);
	}

	@Override
	public String toString() {
		return "cluster " + seeds();
	}

	// ------------------------------------------------------------------ CLUSTER NODES

	/** One line of {@code CLUSTER NODES}. */
	record NodeLine(String id, int port, Set<String> flags, String masterId, List<int[]> slots) {

		boolean master() {
			return flags.contains("master");
		}

		boolean failed() {
			return flags.contains("fail") || flags.contains("fail?") || flags.contains("noaddr");
		}

		boolean owns(int slot) {
			return slots.stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
		}

		static NodeLine parse(String line) {
			String[] f = line.trim().split(" ");
			String address = f[1];
			int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
			List<int[]> slots = new ArrayList<>();
			for (int i = 8; i < f.length; i++) {
				if (f[i].startsWith("[")) {
					continue; // a slot being imported or migrated
				}
				String[] range = f[i].split("-");
				int lo = Integer.parseInt(range[0]);
				slots.add(new int[] {lo, range.length > 1 ? Integer.parseInt(range[1]) : lo});
			}
			return new NodeLine(f[0], port, new TreeSet<>(List.of(f[2].split(","))), f[3], slots);
		}
	}

	/** CLUSTER NODES as the first running node that answers sees it. */
	private List<NodeLine> view() {
		for (RedisServerProcess node : nodes) {
			if (!node.isRunning() || node.isPaused()) {
				continue;
			}
			try {
				String text = node.command(Duration.ofSeconds(2), "CLUSTER", "NODES");
				List<NodeLine> lines = new ArrayList<>();
				for (String line : text.split("\n")) {
					if (!line.isBlank()) {
						lines.add(NodeLine.parse(line));
					}
				}
				return lines;
			} catch (RuntimeException e) {
				// try the next node
			}
		}
		throw new IllegalStateException("no cluster node answers");
	}

	private boolean allOk() {
		for (RedisServerProcess node : nodes) {
			if (!node.isRunning() || node.isPaused()) {
				continue;
			}
			try {
				if (!node.command(Duration.ofSeconds(2), "CLUSTER", "INFO").contains("cluster_state:ok")) {
					return false;
				}
			} catch (RuntimeException e) {
				return false;
			}
		}
		return true;
	}

	/** Every running node reports the same slot owners. */
	private boolean agree() {
		Map<String, String> seen = new LinkedHashMap<>();
		for (RedisServerProcess node : nodes) {
			if (!node.isRunning() || node.isPaused()) {
				continue;
			}
			try {
				String owners = node.command(Duration.ofSeconds(2), "CLUSTER", "NODES").lines()
						.map(NodeLine::parse)
						.filter(l -> l.master() && !l.slots().isEmpty())
						.map(l -> l.id() + l.slots().stream().map(r -> r[0] + "-" + r[1]).toList())
						.sorted().collect(Collectors.joining(";"));
				seen.put(node.toString(), owners);
			} catch (RuntimeException e) {
				return false;
			}
		}
		return seen.values().stream().distinct().count() == 1;
	}

	private Optional<RedisServerProcess> byPort(int port) {
		return nodes.stream().filter(n -> n.port() == port).findFirst();
	}


	public Duration nodeTimeout() {
		return nodeTimeout;
	}

	// ------------------------------------------------------------------ builder

	public static final class Builder {
		private int masters = 3;
		private int replicas = 1;
		private Duration nodeTimeout = Duration.ofSeconds(1);
		private String password;
		private final List<String> extraArgs = new ArrayList<>();

		private Builder() {
		}

		public Builder masters(int masters) {
			if (masters < 3) {
				throw new IllegalArgumentException("redis-cli --cluster create needs at least 3 masters");
			}
			this.masters = masters;
			return this;
		}

		public Builder replicas(int replicasPerMaster) {
			this.replicas = replicasPerMaster;
			return this;
		}

		/** {@code cluster-node-timeout}: how long a silent master stays a master. */
		public Builder nodeTimeout(Duration timeout) {
			this.nodeTimeout = timeout;
			return this;
		}

		/** {@code requirepass} and {@code masterauth} on every node. */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		/** Extra arguments for every node, e.g. {@code "--maxmemory", "64mb"}. */
		public Builder nodeArgs(String... raw) {
			Collections.addAll(extraArgs, raw);
			return this;
		}

		public RedisClusterProcess start() {
			Path cli = findRedisCliBinary().orElseThrow(() -> new IllegalStateException(
					"redis-cli not found on PATH (or -D" + CLI_PROPERTY + " / $" + CLI_ENV + ")"));
			List<RedisServerProcess> nodes = new ArrayList<>();
			RedisClusterProcess cluster = null;
			try {
				int count = masters * (1 + replicas);
				for (int i = 0; i < count; i++) {
					RedisServerProcess.Builder node = RedisServerProcess.builder();
					if (password != null) {
						node.password(password).arg("masterauth", password);
					}
					nodes.add(node
							.name("cluster-" + i)
							.portFilter(p -> p + 10000 <= 65535 && RedisServerProcess.isFree(p + 10000))
							.arg("cluster-enabled", "yes")
							.arg("cluster-config-file", "nodes.conf")
							.arg("cluster-node-timeout", Long.toString(nodeTimeout.toMillis()))
							// a replica may take over however long it was cut off: tests kill masters at will
							.arg("cluster-replica-validity-factor", "0")
							// replicas sync at once instead of waiting 5 s for more replicas to join
							.arg("repl-diskless-sync-delay", "0")
							.rawArgs(extraArgs.toArray(String[]::new))
							.start());
				}
				cluster = new RedisClusterProcess(nodes, cli, nodeTimeout, password);
				List<String> args = cluster.authArgs();
				args.addAll(List.of("--cluster", "create"));
				for (RedisServerProcess node : nodes) {
					args.add(node.host() + ":" + node.port());
				}
				args.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
				cluster.cli(Duration.ofSeconds(60), args.toArray(String[]::new));
				cluster.awaitStable(Duration.ofSeconds(30));
				RedisClusterProcess ready = cluster;
				Await.until(Duration.ofSeconds(30), () -> ready.masters().size() == masters
						&& ready.masters().stream().allMatch(m -> ready.replicasOf(m).size() == replicas
								&& ready.replicasOf(m).stream().allMatch(RedisClusterProcess::replicaInSync)),
						"every replica to sync with its master");
				return cluster;
			} catch (RuntimeException e) {
				for (RedisServerProcess node : nodes) {
					node.close();
				}
				throw e;
			}
		}
	}

	private static boolean replicaInSync(RedisServerProcess replica) {
		return replica.command("INFO", "replication").contains("master_link_status:up");
	}
}
