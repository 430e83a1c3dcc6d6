package dev.redisl2.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * A private {@code redis-server} child process on a free loopback port, for tests and the demo.
 *
 * <p>The server binds to {@code 127.0.0.1} only, keeps nothing on disk ({@code --save ""},
 * {@code --appendonly no}) and works in a temporary directory that {@link #close()} deletes.
 * Its stdout/stderr (the Redis log) go to {@code redis.log} in that directory; {@link #logTail(int)}
 * returns the last lines, and every start failure quotes them.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.start()) {
 *     String url = redis.url();            // redis://127.0.0.1:PORT
 *     redis.pause();  ...  redis.resume(); // SIGSTOP / SIGCONT
 *     redis.kill();   redis.restart();     // SIGKILL, then a fresh (empty) server on the same port
 * }
 * }</pre>
 *
 * <h2>Extending to other topologies</h2>
 * The {@link Builder} takes arbitrary server arguments ({@link Builder#arg(String, String...)}),
 * optional {@link Builder#configLines(String...) config-file lines} (written to {@code redis.conf}
 * in the working directory and passed as the first argument, which Sentinel requires because it
 * rewrites its config), a {@link Builder#port(int) fixed port} or a {@link Builder#portFilter(IntPredicate)
 * port filter} (a Cluster node also needs {@code port + 10000} free for its bus: use
 * {@link #findFreeClusterPort()}), and a {@link Builder#sentinel() sentinel} switch.
 * A cluster is N such processes started with {@code arg("cluster-enabled", "yes")} and joined with
 * {@link #command(String...)} ({@code CLUSTER MEET}, {@code CLUSTER ADDSLOTSRANGE}, ...).
 * {@link #isReady()} is {@code PING}; override the readiness wait by calling {@link #awaitCondition}
 * with your own check after start (for example {@code CLUSTER INFO} reporting {@code cluster_state:ok}).
 *
 * <p>Never use the shared instance on 6379: {@link #findFreePort()} never returns it.
 */
public class RedisServerProcess implements AutoCloseable {

	/** Loopback only: every byte of test traffic stays on this machine. */
	public static final String HOST = "127.0.0.1";
	/** System property / environment variable that points to a specific redis-server binary. */
	public static final String BINARY_PROPERTY = "redis.server.binary";
	public static final String BINARY_ENV = "REDIS_SERVER_BIN";

	private static final int SHARED_REDIS_PORT = 6379;
	private static final Set<RedisServerProcess> LIVE = ConcurrentHashMap.newKeySet();

	static {
		Thread hook = new Thread(() -> {
			for (RedisServerProcess p : LIVE) {
				Process proc = p.process;
				if (proc != null) {
					proc.destroyForcibly();
				}
			}
		}, "redis-server-process-reaper");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	private final Path binary;
	private final int port;
	private final Path dir;
	private final boolean ownsDir;
	private final List<String> args;
	private final String password;
	private final Duration startupTimeout;
	private final String name;

	private volatile Process process;
	private volatile boolean paused;

	protected RedisServerProcess(Builder b, int port, Path dir, boolean ownsDir) {
		this.binary = b.binary;
		this.port = port;
		this.dir = dir;
		this.ownsDir = ownsDir;
		this.password = b.password;
		this.startupTimeout = b.startupTimeout;
		this.name = b.name;
		this.args = buildArgs(b, port, dir);
	}

	// ------------------------------------------------------------------ factories

	/** Starts a default server (free port, temp dir, no persistence). */
	public static RedisServerProcess start() {
		return builder().start();
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Searches {@value #BINARY_PROPERTY}, {@value #BINARY_ENV}, then every directory on {@code PATH}. */
	public static Optional<Path> findRedisServerBinary() {
		return findBinary("redis-server", BINARY_PROPERTY, BINARY_ENV);
	}

	static Optional<Path> findBinary(String exe, String property, String env) {
		for (String explicit : new String[] {System.getProperty(property), System.getenv(env)}) {
			if (explicit != null && !explicit.isBlank()) {
				Path p = Path.of(explicit);
				if (Files.isRegularFile(p) && Files.isExecutable(p)) {
					return Optional.of(p);
				}
			}
		}
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String d : path.split(File.pathSeparator)) {
			if (d.isBlank()) {
				continue;
			}
			Path p = Path.of(d, exe);
			if (Files.isRegularFile(p) && Files.isExecutable(p)) {
				return Optional.of(p);
			}
		}
		return Optional.empty();
	}

	/** A currently free TCP port on 127.0.0.1 (never the shared 6379). */
	public static int findFreePort() {
		return findFreePort(p -> true);
	}

	/** A free port {@code p} with {@code p + 10000} also free and {@code p + 10000 <= 65535} (Cluster bus port). */
	public static int findFreeClusterPort() {
		return findFreePort(p -> p + 10000 <= 65535 && isFree(p + 10000));
	}

	public static int findFreePort(IntPredicate extraCondition) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int p;
			try (ServerSocket s = new ServerSocket()) {
				s.setReuseAddress(false);
				s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
				p = s.getLocalPort();
			} catch (IOException e) {
				throw new UncheckedIOException("cannot find a free port on " + HOST, e);
			}
			if (p != SHARED_REDIS_PORT && extraCondition.test(p)) {
				return p;
			}
		}
		throw new IllegalStateException("no free port on " + HOST + " matching the condition");
	}

	static boolean isFree(int port) {
		try (ServerSocket s = new ServerSocket()) {
			s.setReuseAddress(false);
			s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
			return true;
		} catch (IOException e) {
			return false;
		}
	}

	// ------------------------------------------------------------------ accessors

	public int port() {
		return port;
	}

	public String host() {
		return HOST;
	}

	/** {@code redis://127.0.0.1:PORT} (with {@code :password@} when {@code requirepass} is set). */
	public String url() {
		return password == null ? "redis://" + HOST + ":" + port : "redis://:" + password + "@" + HOST + ":" + port;
	}

	public Optional<String> password() {
		return Optional.ofNullable(password);
	}

	public Path dir() {
		return dir;
	}

	public Path logFile() {
		return dir.resolve("redis.log");
	}

	/** The command line (binary first) this server was started with. */
	public List<String> commandLine() {
		List<String> cmd = new ArrayList<>();
		cmd.add(binary.toString());
		cmd.addAll(args);
		return Collections.unmodifiableList(cmd);
	}

	public long pid() {
		Process p = process;
		if (p == null) {
			throw new IllegalStateException("redis-server is not running");
		}
		return p.pid();
	}

	public boolean isRunning() {
		Process p = process;
		return p != null && p.isAlive();
	}

	public boolean isPaused() {
		return paused;
	}

	// ------------------------------------------------------------------ lifecycle

	/** Starts the process and waits until it answers PING. Called by {@link Builder#start()}. */
	protected synchronized void launch() {
		if (isRunning()) {
			throw new IllegalStateException("already running on port " + port);
		}
		ProcessBuilder pb = new ProcessBuilder(commandLine())
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
		try {
			process = pb.start();
		} catch (IOException e) {
			throw new UncheckedIOException("cannot run " + binary, e);
		}
		paused = false;
		LIVE.add(this);
		try {
			awaitCondition(startupTimeout, this::isReady, "PING to answer");
		} catch (RuntimeException e) {
			Process p = process;
			if (p != null) {
				p.destroyForcibly();
			}
			LIVE.remove(this);
			throw e;
		}
	}

	/**
	 * Polls {@code check} every 25 ms until it is true. Fails fast (with the log tail) if the process
	 * exits, and fails with the log tail after {@code timeout}.
	 */
	public void awaitCondition(Duration timeout, java.util.function.BooleanSupplier check, String what) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Process p = process;
			if (p == null || !p.isAlive()) {
				throw new IllegalStateException(describe() + " exited (code "
						+ (p == null ? "?" : p.exitValue()) + ") while waiting for " + what
						+ ". Log tail:\n" + logTail(20));
			}
			if (check.getAsBoolean()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(describe() + " did not get ready (" + what + ") within "
						+ timeout.toMillis() + " ms. Log tail:\n" + logTail(20));
			}
			sleep(25);
		}
	}

	/** True when the server answers PING with PONG. */
	public boolean isReady() {
		try {
			return "PONG".equals(command(Duration.ofMillis(500), "PING"));
		} catch (RuntimeException e) {
			return false;
		}
	}

	/** SHUTDOWN NOSAVE, then destroy the process if it is still alive. Idempotent. */
	public synchronized void stop() {
		Process p = process;
		if (p == null) {
			return;
		}
		if (p.isAlive()) {
			if (paused) {
				resume();
			}
			try {
				command(Duration.ofSeconds(2), "SHUTDOWN", "NOSAVE");
			} catch (RuntimeException expected) {
				// the server closes the connection without a reply on success
			}
			waitFor(p, 5_000);
			if (p.isAlive()) {
				p.destroy();
				waitFor(p, 3_000);
			}
			if (p.isAlive()) {
				p.destroyForcibly();
				waitFor(p, 3_000);
			}
		}
		process = null;
		paused = false;
		LIVE.remove(this);
	}

	/** SIGKILL: the server dies at once, without closing connections cleanly. Idempotent. */
	public synchronized void kill() {
		Process p = process;
		if (p == null) {
			return;
		}
		p.destroyForcibly();
		waitFor(p, 5_000);
		process = null;
		paused = false;
		LIVE.remove(this);
	}

	/** SIGSTOP: the process freezes; clients time out against an open but silent socket. */
	public synchronized void pause() {
		signal("STOP");
		paused = true;
	}

	/** SIGCONT after {@link #pause()}. */
	public synchronized void resume() {
		signal("CONT");
		paused = false;
	}

	/** Stops (if running) and starts a new, empty server on the same port and directory. */
	public synchronized void restart() {
		stop();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		// the port normally frees at once (redis sets SO_REUSEADDR); give the kernel a moment otherwise
		while (!isFree(port) && System.nanoTime() < deadline) {
			sleep(50);
		}
		launch();
	}

	/** {@link #stop()} and delete the temporary directory. */
	@Override
	public void close() {
		try {
			stop();
		} finally {
			if (ownsDir) {
				deleteRecursively(dir);
			}
		}
	}

	private void signal(String sig) {
		Process p = process;
		if (p == null || !p.isAlive()) {
			throw new IllegalStateException(describe() + " is not running");
		}
		try {
			Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid()))
					.redirectErrorStream(true).start();
			if (!k.waitFor(5, TimeUnit.SECONDS) || k.exitValue() != 0) {
				throw new IllegalStateException("kill -" + sig + " " + p.pid() + " failed: "
						+ new String(k.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	// ------------------------------------------------------------------ tiny RESP client

	/**
	 * Sends one command (authenticating first when a password is set) and returns the reply rendered
	 * as text: simple strings and bulk strings as-is, integers in decimal, arrays one element per line,
	 * nil as {@code null}. An error reply throws {@link RedisErrorReply}. For admin commands only
	 * (PING, SHUTDOWN, CONFIG, CLUSTER, INFO); tests use Jedis for data.
	 */
	public String command(String... command) {
		return command(Duration.ofSeconds(5), command);
	}

	public String command(Duration timeout, String... command) {
		return Resp.call(HOST, port, password, (int) timeout.toMillis(), command);
	}

	/** An error reply ({@code -ERR ...}) from the server. */
	public static final class RedisErrorReply extends RuntimeException {
		RedisErrorReply(String msg) {
			super(msg);
		}
	}

	// ------------------------------------------------------------------ diagnostics

	/** Last {@code lines} lines of the server log, or a note when there is none. */
	public String logTail(int lines) {
		try {
			if (!Files.exists(logFile())) {
				return "(no log at " + logFile() + ")";
			}
			List<String> all = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		} catch (IOException | RuntimeException e) {
			return "(cannot read " + logFile() + ": " + e + ")";
		}
	}

	protected String describe() {
		return "redis-server" + (name == null ? "" : " [" + name + "]") + " on " + HOST + ":" + port;
	}

	@Override
	public String toString() {
		return describe() + (isRunning() ? " (pid " + process.pid() + (paused ? ", paused" : "") + ")" : " (stopped)");
	}

	// ------------------------------------------------------------------ internals

	private static List<String> buildArgs(Builder b, int port, Path dir) {
		List<String> a = new ArrayList<>();
		if (!b.configLines.isEmpty()) {
			Path conf = dir.resolve("redis.conf");
			try {
				Files.write(conf, b.configLines, StandardCharsets.UTF_8);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			a.add(conf.toString());
		}
		if (b.sentinel) {
			a.add("--sentinel");
		}
		a.addAll(List.of("--port", Integer.toString(port)));
		a.addAll(List.of("--bind", HOST));
		a.addAll(List.of("--dir", dir.toString()));
		if (!b.sentinel) {
			a.addAll(List.of("--save", ""));
			a.addAll(List.of("--appendonly", "no"));
		}
		a.addAll(List.of("--daemonize", "no"));
		if (b.password != null) {
			a.addAll(List.of("--requirepass", b.password));
		}
		a.addAll(b.extraArgs);
		return a;
	}

	private static void waitFor(Process p, long millis) {
		try {
			p.waitFor(millis, TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", e);
		}
	}

	static void deleteRecursively(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			walk.sorted(Comparator.reverseOrder()).forEach(p -> {
				try {
					Files.deleteIfExists(p);
				} catch (IOException ignored) {
					// best effort
				}
			});
		} catch (IOException ignored) {
			// best effort
		}
	}

	// ------------------------------------------------------------------ builder

	public static class Builder {
		private Path binary;
		private Integer port;
		private IntPredicate portFilter = p -> true;
		private Path dir;
		private String password;
		private boolean sentinel;
		private String name;
		private Duration startupTimeout = Duration.ofSeconds(15);
		private final List<String> extraArgs = new ArrayList<>();
		private final List<String> configLines = new ArrayList<>();

		protected Builder() {
		}

		/** The redis-server binary; default {@link #findRedisServerBinary()}. */
		public Builder binary(Path binary) {
			this.binary = Objects.requireNonNull(binary);
			return this;
		}

		/** A fixed port; default a free one. */
		public Builder port(int port) {
			if (port == SHARED_REDIS_PORT) {
				throw new IllegalArgumentException("6379 is the shared Redis: never start a test server there");
			}
			this.port = port;
			return this;
		}

		/** Extra condition on the free port picked (ignored with {@link #port(int)}). */
		public Builder portFilter(IntPredicate filter) {
			this.portFilter = Objects.requireNonNull(filter);
			return this;
		}

		/** Working directory; default a new temp dir that {@link #close()} deletes. */
		public Builder dir(Path dir) {
			this.dir = dir;
			return this;
		}

		/** {@code --requirepass}; {@link #url()} then carries it. */
		public Builder password(String password) {
			this.password = password;
			return this;
		}

		/** {@code --maxmemory} (e.g. {@code "16mb"}), optionally with a policy such as {@code allkeys-lru}. */
		public Builder maxmemory(String size, String policy) {
			arg("maxmemory", size);
			if (policy != null) {
				arg("maxmemory-policy", policy);
			}
			return this;
		}

		/** Adds {@code --name values...}; e.g. {@code arg("cluster-enabled", "yes")}. */
		public Builder arg(String name, String... values) {
			extraArgs.add("--" + name);
			extraArgs.addAll(List.of(values));
			return this;
		}

		/** Adds raw arguments as they are. */
		public Builder rawArgs(String... raw) {
			extraArgs.addAll(List.of(raw));
			return this;
		}

		/** Lines of a {@code redis.conf} written to the working directory and passed first. */
		public Builder configLines(String... lines) {
			configLines.addAll(List.of(lines));
			return this;
		}

		/** Runs as Sentinel ({@code --sentinel}); add {@code sentinel monitor ...} with {@link #configLines}. */
		public Builder sentinel() {
			this.sentinel = true;
			return this;
		}

		/** A label for messages (e.g. "node-1"). */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		public Builder startupTimeout(Duration timeout) {
			this.startupTimeout = Objects.requireNonNull(timeout);
			return this;
		}

		/** Starts and waits for PING; retries on a port race when the port was picked here. */
		public RedisServerProcess start() {
			if (binary == null) {
				binary = findRedisServerBinary().orElseThrow(() -> new IllegalStateException(
						"redis-server not found on PATH (or -D" + BINARY_PROPERTY + " / $" + BINARY_ENV
								+ "). Install it, e.g. `apt-get install redis-server`."));
			}
			boolean ownsDir = dir == null;
			int attempts = port == null ? 3 : 1;
			RuntimeException last = null;
			for (int i = 0; i < attempts; i++) {
				Path d;
				try {
					d = ownsDir ? Files.createTempDirectory("redisl2-redis-") : Files.createDirectories(dir);
				} catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				int p = port != null ? port : findFreePort(portFilter);
				RedisServerProcess server = create(this, p, d, ownsDir);
				try {
					server.launch();
					return server;
				} catch (RuntimeException e) {
					last = e;
					if (ownsDir) {
						deleteRecursively(d);
					}
				}
			}
			throw last;
		}

		/** Hook for subclasses of {@link RedisServerProcess}. */
		protected RedisServerProcess create(Builder b, int port, Path dir, boolean ownsDir) {
			return new RedisServerProcess(b, port, dir, ownsDir);
		}
	}

	// ------------------------------------------------------------------ RESP

	static final class Resp {
		private Resp() {
		}

		static String call(String host, int port, String password, int timeoutMillis, String... command) {
			try (Socket s = new Socket()) {
				s.connect(new InetSocketAddress(host, port), timeoutMillis);
				s.setSoTimeout(timeoutMillis);
				var out = s.getOutputStream();
				var in = new java.io.BufferedInputStream(s.getInputStream());
				if (password != null) {
					out.write(encode("AUTH", password));
					out.flush();
					read(in);
				}
				out.write(encode(command));
				out.flush();
				return read(in);
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}

		static byte[] encode(String... parts) {
			StringBuilder sb = new StringBuilder().append('*').append(parts.length).append("\r\n");
			for (String p : parts) {
				byte[] b = p.getBytes(StandardCharsets.UTF_8);
				sb.append('$').append(b.length).append("\r\n").append(p).append("\r\n");
			}
			return sb.toString().getBytes(StandardCharsets.UTF_8);
		}

		static String read(java.io.InputStream in) throws IOException {
			String line = readLine(in);
			if (line.isEmpty()) {
				throw new IOException("empty reply");
			}
			char t = line.charAt(0);
			String rest = line.substring(1);
			switch (t) {
				case '+':
				case ':':
					return rest;
				case '-':
					throw new RedisErrorReply(rest);
				case '$': {
					int n = Integer.parseInt(rest);
					if (n < 0) {
						return null;
					}
					byte[] b = in.readNBytes(n + 2);
					return new String(b, 0, n, StandardCharsets.UTF_8);
				}
				case '*': {
					int n = Integer.parseInt(rest);
					if (n < 0) {
						return null;
					}
					StringBuilder sb = new StringBuilder();
					for (int i = 0; i < n; i++) {
						if (i > 0) {
							sb.append('\n');
						}
						sb.append(read(in));
					}
					return sb.toString();
				}
				default:
					throw new IOException("unexpected reply: " + line);
			}
		}

		private static String readLine(java.io.InputStream in) throws IOException {
			StringBuilder sb = new StringBuilder();
			int c;
			while ((c = in.read()) != -1) {
				if (c == '\r') {
					in.read(); // '\n'
					return sb.toString();
				}
				sb.append((char) c);
			}
			throw new java.io.EOFException("connection closed");
		}
	}
}
