package dev.redisl2.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.redisl2.it.TwoNodes;
import dev.redisl2.sample.SampleApp;
import dev.redisl2.support.RedisServerProcess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import redis.clients.jedis.RedisClient;

/**
 * Faults injected into a real redis-server under a running two-node workload (see {@link FaultWorkload}),
 * with the provider's default timeouts and breaker settings. Each test asserts that no exception reached
 * the application, that no operation waited longer than {@link #LATENCY_BOUND_MILLIS}, and that once both
 * nodes have recovered no read is stale, and prints the worst latency during the fault and the time from
 * the end of the fault until both nodes use the cache again.
 */
class RedisFaultsTest {

	/**
	 * What one operation (one transaction: up to three cache calls) may take while Redis misbehaves:
	 * the default socket timeout (500 ms) for the call that finds out, plus a pooled connection opened
	 * against a frozen server (its handshake waits the same timeout), plus generous slack for a busy CI machine.
	 */
	static final long LATENCY_BOUND_MILLIS = 2_500;

	private static final long FAULT_MILLIS = 2_000;

	@Test
	void sigstopMidWorkload(TestInfo info) throws Exception {
		try ( RedisServerProcess redis = RedisServerProcess.builder().name( "sigstop" ).start();
				TwoNodes nodes = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), "sigstop", Map.of() ) ) {
			runFault( "SIGSTOP " + FAULT_MILLIS + " ms", nodes, redis::pause, redis::resume );
		}
	}

	@Test
	void sigkillAndRestart(TestInfo info) throws Exception {
		try ( RedisServerProcess redis = RedisServerProcess.builder().name( "sigkill" ).start();
				TwoNodes nodes = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), "sigkill", Map.of() ) ) {
			// the restarted server is empty: no scripts (NOSCRIPT, reloaded by EVAL), no region state, no entries
			runFault( "SIGKILL, restart after " + FAULT_MILLIS + " ms", nodes, redis::kill, redis::restart );
		}
	}

	@Test
	void flushallUnderneath(TestInfo info) throws Exception {
		try ( RedisServerProcess redis = RedisServerProcess.builder().name( "flushall" ).start();
				TwoNodes nodes = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), "flushall", Map.of() ) ) {
			FaultWorkload workload = FaultWorkload.onTwoNodes( nodes, 2 );
			workload.seed();
			workload.start();
			Thread.sleep( 500 );
			long faultStart = System.nanoTime();
			// region state keys, entries, locks and tombstones all vanish, five times, mid-workload
			for ( int i = 0; i < 5; i++ ) {
				redis.command( "FLUSHALL" );
				Thread.sleep( 200 );
			}
			long faultEnd = System.nanoTime();
			Thread.sleep( 1_000 );
			long end = System.nanoTime();
			workload.stop();

			FaultWorkload.Window during = workload.window( faultStart, faultEnd );
			FaultWorkload.Window after = workload.window( faultEnd, end );
			report( "FLUSHALL x5 in 1 s", during, 0, after );
			// not an outage: Redis answers throughout, so no read may be stale at any time
			assertEquals( 0, workload.window( 0, Long.MAX_VALUE ).stale(), () -> "stale reads: " + workload.window( 0, Long.MAX_VALUE ).examples() );
			assertOutcome( workload, during, after );
			assertEquals( 0, FaultWorkload.factory( nodes.a() ).breaker().openings(), "FLUSHALL must not look like an outage" );
		}
	}

	/**
	 * maxmemory 8 MB with allkeys-lru and a filler writing 8 KB values as fast as it can: Redis evicts
	 * cached values, locks, tombstones, update timestamps and region state keys alike, all through the run.
	 */
	@Test
	void maxmemoryAllkeysLru(TestInfo info) throws Exception {
		try ( RedisServerProcess redis = RedisServerProcess.builder().name( "maxmemory" ).maxmemory( "8mb", "allkeys-lru" ).start();
				TwoNodes nodes = TwoNodes.open( redis, SampleApp.UNIT_SAMPLE, getClass(), "maxmemory", Map.of() );
				RedisClient filler = RedisClient.create( java.net.URI.create( redis.url() ) ) ) {
			FaultWorkload workload = FaultWorkload.onTwoNodes( nodes, 2 );
			workload.seed();
			workload.start();
			long faultStart = System.nanoTime();
			long until = faultStart + 3_000_000_000L;
			byte[] value = new byte[8 * 1024];
			ThreadLocalRandom.current().nextBytes( value );
			long written = 0;
			while ( System.nanoTime() < until ) {
				filler.set( ( "filler:" + written++ ).getBytes( StandardCharsets.US_ASCII ), value );
			}
			long faultEnd = System.nanoTime();
			Thread.sleep( 500 );
			long end = System.nanoTime();
			workload.stop();

			long evicted = Long.parseLong( info( redis, "evicted_keys" ) );
			FaultWorkload.Window during = workload.window( faultStart, faultEnd );
			FaultWorkload.Window after = workload.window( faultEnd, end );
			report( "maxmemory 8mb allkeys-lru, " + written + " filler writes, " + evicted + " keys evicted", during, 0, after );
			assertTrue( evicted > 1000, "the filler should have made Redis evict: " + evicted );
			assertEquals( 0, workload.window( 0, Long.MAX_VALUE ).stale(), () -> "stale reads: " + workload.window( 0, Long.MAX_VALUE ).examples() );
			assertOutcome( workload, during, after );
		}
	}

	private void runFault(String name, TwoNodes nodes, Runnable inject, Runnable heal) throws Exception {
		FaultWorkload workload = FaultWorkload.onTwoNodes( nodes, 2 );
		workload.seed();
		workload.start();
		Thread.sleep( 500 );
		long faultStart = System.nanoTime();
		inject.run();
		Thread.sleep( FAULT_MILLIS );
		heal.run();
		long faultEnd = System.nanoTime();
		long recovered = workload.awaitRecovered( 15_000 );
		Thread.sleep( 1_000 );
		long end = System.nanoTime();
		workload.stop();

		FaultWorkload.Window during = workload.window( faultStart, recovered );
		FaultWorkload.Window after = workload.window( recovered, end );
		report( name, during, ( recovered - faultEnd ) / 1_000_000L, after );
		assertTrue( FaultWorkload.factory( nodes.a() ).breaker().openings() > 0, "node A's breaker never opened" );
		assertEquals( 0, after.stale(), () -> "stale reads after recovery: " + after.examples() );
		assertOutcome( workload, during, after );
	}

	private static void assertOutcome(FaultWorkload workload, FaultWorkload.Window during, FaultWorkload.Window after) {
		FaultWorkload.Window all = workload.window( 0, Long.MAX_VALUE );
		assertEquals( 0, all.errors(), () -> "exceptions reached the application: " + all.examples() );
		assertTrue( during.worstMillis() <= LATENCY_BOUND_MILLIS, "worst latency during the fault: " + during.worstMillis() + " ms" );
		assertTrue( after.operations() > 0, "the workload made no progress after the fault" );
		List<String> wrong = workload.verifyAgainstDatabase();
		assertTrue( wrong.isEmpty(), () -> "rows that differ from the database after the run: " + wrong );
	}

	private static void report(String fault, FaultWorkload.Window during, long recoveryMillis, FaultWorkload.Window after) {
		System.out.printf( "[fault] %-60s ops during=%d worst latency=%d ms stale reads during=%d | recovered %d ms after the fault"
				+ " | ops after=%d worst=%d ms stale after=%d%n",
				fault, during.operations(), during.worstMillis(), during.stale(), recoveryMillis,
				after.operations(), after.worstMillis(), after.stale() );
	}

	private static String info(RedisServerProcess redis, String field) {
		for ( String line : redis.command( "INFO", "stats" ).split( "\\R" ) ) {
			if ( line.startsWith( field + ":" ) ) {
				return line.substring( field.length() + 1 ).trim();
			}
		}
		return "-1";
	}
}
