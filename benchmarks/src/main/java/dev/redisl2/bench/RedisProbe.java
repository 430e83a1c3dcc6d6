package dev.redisl2.bench;

import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A separate connection to one configuration's private Redis, for server-side counters: round trips are
 * {@code total_reads_processed} (socket reads the server handled: one per request that is not pipelined
 * with others), commands are the sum of {@code INFO commandstats} calls (which includes the commands
 * scripts run inside Redis). The probe's own {@code INFO} calls are subtracted.
 */
final class RedisProbe implements AutoCloseable {

	/** Counters at one instant. */
	record Counters(long reads, long commands) {
	}

	private final Jedis jedis;

	RedisProbe(String host, int port) {
		this( new Jedis( host, port ) );
	}

	/** A probe over an open connection (closing the probe closes it). */
	RedisProbe(Jedis jedis) {
		this.jedis = jedis;
	}

	/** Two INFO calls: each is one read and one command, counted in the next snapshot's delta. */
	Counters counters() {
		long reads = field( jedis.info( "stats" ), "total_reads_processed" );
		long commands = 0;
		for ( String line : jedis.info( "commandstats" ).split( "\r?\n" ) ) {
			if ( line.startsWith( "cmdstat_" ) && !line.startsWith( "cmdstat_info:" ) ) {
				int at = line.indexOf( "calls=" );
				int end = line.indexOf( ',', at );
				commands += Long.parseLong( line.substring( at + 6, end ) );
			}
		}
		return new Counters( reads, commands );
	}

	/** Round trips between two snapshots, without the probe's own two INFO reads. */
	static long reads(Counters before, Counters after) {
		return after.reads() - before.reads() - 2;
	}

	static long commands(Counters before, Counters after) {
		return after.commands() - before.commands();
	}

	long usedMemory() {
		return field( jedis.info( "memory" ), "used_memory" );
	}

	List<String> keys(String pattern, int limit) {
		List<String> found = new ArrayList<>();
		String cursor = ScanParams.SCAN_POINTER_START;
		ScanParams params = new ScanParams().match( pattern ).count( 1000 );
		do {
			ScanResult<String> page = jedis.scan( cursor, params );
			found.addAll( page.getResult() );
			cursor = page.getCursor();
		}
		while ( !cursor.equals( ScanParams.SCAN_POINTER_START ) && found.size() < limit );
		return found.size() > limit ? found.subList( 0, limit ) : found;
	}

	Jedis jedis() {
		return jedis;
	}

	private static long field(String info, String name) {
		for ( String line : info.split( "\r?\n" ) ) {
			if ( line.startsWith( name + ":" ) ) {
				return Long.parseLong( line.substring( name.length() + 1 ).trim() );
			}
		}
		throw new IllegalStateException( "INFO has no " + name );
	}

	@Override
	public void close() {
		jedis.close();
	}
}
