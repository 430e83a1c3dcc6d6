package dev.redisl2.bench.eviction;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.redisl2.hibernate.redis.LuaScript;
import dev.redisl2.support.RedisServerProcess;

import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Issue 4's measurement: the caller's time to evict a region of N entries and the latency a concurrent
 * reader sees during and after it, for three ways of evicting:
 * <ul>
 *   <li>{@code generation}: redisl2, one {@code region.lua evict} call; the reader does what a cache read does
 *       (MGET of an entry and the region state);</li>
 *   <li>{@code DEL hash}: the region is one hash (Redisson's layout), evicted by DEL; the reader does HGET;</li>
 *   <li>{@code SCAN+UNLINK}: one key per entry, evicted by SCAN MATCH and UNLINK in batches of 1000; the reader does GET.</li>
 * </ul>
 * Values are 250-byte strings, the size of a typical entity entry. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.redisl2.bench.eviction.EvictionBenchmark [max entries]}.
 */
public final class EvictionBenchmark {

	private static final byte[] VALUE = ( "V 1 1 0 fp\n" + "x".repeat( 239 ) ).getBytes( StandardCharsets.UTF_8 );
	private static final long WINDOW_AFTER_MILLIS = 500;

	record Row(int entries, String method, double callerMillis, double p50Micros, double p99Micros, double maxMicros, long reads) {
	}

	public static void main(String[] args) throws Exception {
		int max = args.length > 0 ? Integer.parseInt( args[0] ) : 1_000_000;
		List<Row> rows = new ArrayList<>();
		try ( RedisServerProcess redis = RedisServerProcess.builder().name( "eviction" ).start() ) {
			for ( int n : new int[] { 1_000, 100_000, 1_000_000 } ) {
				if ( n > max ) {
					continue;
				}
				for ( int repeat = 0; repeat < 3; repeat++ ) {
					rows.add( generation( redis, n ) );
					rows.add( deleteHash( redis, n ) );
					rows.add( scanUnlink( redis, n ) );
				}
			}
		}
		System.out.println( "| entries | method | caller ms (median of 3) | reader p50 µs | reader p99 µs | reader max µs |" );
		System.out.println( "|---:|---|---:|---:|---:|---:|" );
		for ( int n : new int[] { 1_000, 100_000, 1_000_000 } ) {
			for ( String method : new String[] { "generation (redisl2)", "DEL one hash", "SCAN+UNLINK" } ) {
				List<Row> runs = rows.stream().filter( r -> r.entries() == n && r.method().equals( method ) ).toList();
				if ( runs.isEmpty() ) {
					continue;
				}
				System.out.printf( Locale.ROOT, "| %,d | %s | %.3f | %.0f | %.0f | %.0f |%n", n, method,
						median( runs.stream().mapToDouble( Row::callerMillis ).toArray() ),
						median( runs.stream().mapToDouble( Row::p50Micros ).toArray() ),
						median( runs.stream().mapToDouble( Row::p99Micros ).toArray() ),
						median( runs.stream().mapToDouble( Row::maxMicros ).toArray() ) );
			}
		}
	}

	private static Row generation(RedisServerProcess redis, int n) throws Exception {
		try ( RedisClient jedis = client( redis ) ) {
			jedis.flushAll();
			byte[] state = "bench:region:~state".getBytes( StandardCharsets.UTF_8 );
			jedis.set( state, "1 0 0 1".getBytes( StandardCharsets.UTF_8 ) );
			fill( jedis, n, (p, i) -> p.set( entryKey( i ), VALUE ) );
			LuaScript region = LuaScript.load( "region.lua" );
			return measure( redis, n, "generation (redisl2)",
					reader -> reader.mget( entryKey( ThreadLocalRandom.current().nextInt( n ) ), state ),
					() -> region.eval( jedis, List.of( state ), List.of( bytes( "evict" ),
							bytes( Long.toString( System.currentTimeMillis() * 1000 ) ), bytes( "60000000" ) ) ) );
		}
	}

	private static Row deleteHash(RedisServerProcess redis, int n) throws Exception {
		try ( RedisClient jedis = client( redis ) ) {
			jedis.flushAll();
			byte[] hash = "bench:region".getBytes( StandardCharsets.UTF_8 );
			fill( jedis, n, (p, i) -> p.hset( hash, entryKey( i ), VALUE ) );
			return measure( redis, n, "DEL one hash",
					reader -> reader.hget( hash, entryKey( ThreadLocalRandom.current().nextInt( n ) ) ),
					() -> jedis.del( hash ) );
		}
	}

	private static Row scanUnlink(RedisServerProcess redis, int n) throws Exception {
		try ( RedisClient jedis = client( redis ) ) {
			jedis.flushAll();
			fill( jedis, n, (p, i) -> p.set( entryKey( i ), VALUE ) );
			return measure( redis, n, "SCAN+UNLINK",
					reader -> reader.get( entryKey( ThreadLocalRandom.current().nextInt( n ) ) ),
					() -> {
						byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
						ScanParams match = new ScanParams().match( "bench:region:{*" ).count( 1000 );
						do {
							ScanResult<byte[]> page = jedis.scan( cursor, match );
							if ( !page.getResult().isEmpty() ) {
								jedis.unlink( page.getResult().toArray( new byte[0][] ) );
							}
							cursor = page.getCursorAsBytes();
						}
						while ( !Arrays.equals( cursor, ScanParams.SCAN_POINTER_START_BINARY ) );
					} );
		}
	}

	interface Read {
		void run(RedisClient reader);
	}

	interface Fill {
		void add(Pipeline pipeline, int i);
	}

	/** Starts a reader, lets it settle, evicts, keeps reading for a while, and reports the reader's latencies. */
	private static Row measure(RedisServerProcess redis, int n, String method, Read read, Runnable evict) throws Exception {
		AtomicBoolean evicting = new AtomicBoolean();
		AtomicBoolean stop = new AtomicBoolean();
		long[] latencies = new long[4_000_000];
		int[] count = { 0 };
		Thread reader = new Thread( () -> {
			try ( RedisClient client = client( redis ) ) {
				while ( !stop.get() ) {
					long start = System.nanoTime();
					read.run( client );
					long took = System.nanoTime() - start;
					if ( evicting.get() && count[0] < latencies.length ) {
						latencies[count[0]++] = took;
					}
				}
			}
		} );
		reader.start();
		Thread.sleep( 200 );
		evicting.set( true );
		long start = System.nanoTime();
		evict.run();
		long callerNanos = System.nanoTime() - start;
		Thread.sleep( WINDOW_AFTER_MILLIS );
		stop.set( true );
		reader.join();
		long[] sample = Arrays.copyOf( latencies, count[0] );
		Arrays.sort( sample );
		Row row = new Row( n, method, callerNanos / 1e6, percentile( sample, 0.5 ) / 1e3, percentile( sample, 0.99 ) / 1e3,
				sample.length == 0 ? 0 : sample[sample.length - 1] / 1e3, sample.length );
		System.out.printf( Locale.ROOT, "%,9d entries  %-22s caller %9.3f ms  reader p50 %6.0f µs  p99 %7.0f µs  max %8.0f µs  (%d reads)%n",
				n, method, row.callerMillis(), row.p50Micros(), row.p99Micros(), row.maxMicros(), row.reads() );
		return row;
	}

	private static void fill(RedisClient jedis, int n, Fill fill) {
		for ( int from = 0; from < n; from += 10_000 ) {
			try ( Pipeline pipeline = jedis.pipelined() ) {
				for ( int i = from; i < Math.min( n, from + 10_000 ); i++ ) {
					fill.add( pipeline, i );
				}
				pipeline.sync();
			}
		}
	}

	private static byte[] entryKey(int i) {
		return ( "bench:region:{Book#" + i + "}" ).getBytes( StandardCharsets.UTF_8 );
	}

	private static RedisClient client(RedisServerProcess redis) {
		return RedisClient.create( URI.create( redis.url() ) );
	}

	private static byte[] bytes(String text) {
		return text.getBytes( StandardCharsets.UTF_8 );
	}

	private static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? 0 : sorted[Math.min( sorted.length - 1, (int) Math.ceil( p * sorted.length ) - 1 )];
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort( sorted );
		return sorted[sorted.length / 2];
	}
}
