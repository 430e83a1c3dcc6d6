package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.support.RedisServerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** The test support itself: private redis-server processes and their failure controls. */
class RedisServerProcessTest {

	@Test
	void binaryIsOnPath() {
		assertTrue(RedisServerProcess.findRedisServerBinary().isPresent(),
				"redis-server must be on PATH (apt-get install redis-server)");
	}

	@Test
	void startsOnAFreeLoopbackPortAndStops() {
		Path dir;
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			assertNotEquals(6379, redis.port());
			assertEquals("redis://127.0.0.1:" + redis.port(), redis.url());
			assertTrue(redis.isRunning());
			assertEquals("PONG", redis.command("PING"));
			dir = redis.dir();
			assertTrue(Files.isDirectory(dir));
			// no persistence
			assertEquals("save\n", redis.command("CONFIG", "GET", "save"));
			assertEquals("appendonly\nno", redis.command("CONFIG", "GET", "appendonly"));
			assertEquals("bind\n127.0.0.1", redis.command("CONFIG", "GET", "bind"));
			try (UnifiedJedis jedis = RedisClient.create(URI.create(redis.url()))) {
				jedis.set("k", "v");
				assertEquals("v", jedis.get("k"));
			}
			redis.stop();
			assertFalse(redis.isRunning());
			redis.stop(); // idempotent
		}
		assertFalse(Files.exists(dir), "close() deletes the working directory");
	}

	@Test
	void killAndRestartOnTheSamePort() {
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			int port = redis.port();
			long pid = redis.pid();
			redis.command("SET", "k", "v");
			redis.kill();
			assertFalse(redis.isRunning());
			assertFalse(redis.isReady());
			redis.restart();
			assertEquals(port, redis.port());
			assertNotEquals(pid, redis.pid());
			assertEquals("PONG", redis.command("PING"));
			assertEquals(null, redis.command("GET", "k"), "a restarted server is empty (nothing saved)");
		}
	}

	@Test
	void pauseFreezesAndResumeThaws() {
		try (RedisServerProcess redis = RedisServerProcess.start()) {
			redis.pause();
			assertTrue(redis.isPaused());
			assertThrows(RuntimeException.class, () -> redis.command(Duration.ofMillis(300), "PING"));
			redis.resume();
			assertEquals("PONG", redis.command("PING"));
			redis.pause();
			redis.stop(); // stop() resumes a paused server first
			assertFalse(redis.isRunning());
		}
	}

	@Test
	void extraArgumentsAndPassword() {
		try (RedisServerProcess redis = RedisServerProcess.builder()
				.maxmemory("16mb", "allkeys-lru")
				.password("s3cret")
				.start()) {
			assertEquals("maxmemory\n16777216", redis.command("CONFIG", "GET", "maxmemory"));
			assertEquals("maxmemory-policy\nallkeys-lru", redis.command("CONFIG", "GET", "maxmemory-policy"));
			assertTrue(redis.url().startsWith("redis://:s3cret@127.0.0.1:"));
			try (UnifiedJedis jedis = RedisClient.create(URI.create(redis.url()))) {
				assertEquals("PONG", jedis.ping());
			}
		}
	}

	@Test
	void startFailureQuotesTheServerLog() {
		IllegalStateException e = assertThrows(IllegalStateException.class,
				() -> RedisServerProcess.builder().arg("no-such-option", "1").start());
		assertTrue(e.getMessage().contains("no-such-option") || e.getMessage().contains("Bad directive"),
				"message should quote the redis log: " + e.getMessage());
	}

	@Test
	void refusesTheSharedPort() {
		assertThrows(IllegalArgumentException.class, () -> RedisServerProcess.builder().port(6379));
	}

	@Test
	void clusterPortLeavesRoomForTheBus() {
		int p = RedisServerProcess.findFreeClusterPort();
		assertTrue(p + 10000 <= 65535);
	}
}
