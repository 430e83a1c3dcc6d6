package dev.redisl2.hibernate.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.redisl2.hibernate.resilience.RateLimitedLog;

import org.jboss.logging.Logger;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The only path from the provider to Redis. Each method is one round trip. A Redis failure never
 * escapes: reads answer "nothing", writes are dropped, and a rate-limited warning is logged.
 */
public final class RedisStore {

	private static final Logger LOG = Logger.getLogger( RedisStore.class );

	private final UnifiedJedis client;
	private final RateLimitedLog failures;
	private final LongAdder roundTrips = new LongAdder();
	private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> byCommand = new java.util.concurrent.ConcurrentHashMap<>();
	private final LongAdder failed = new LongAdder();

	public RedisStore(UnifiedJedis client) {
		this.client = client;
		this.failures = new RateLimitedLog( LOG, TimeUnit.SECONDS.toNanos( 10 ), System::nanoTime );
	}

	/** Values of the keys, in order; null for a missing key, or a list of nulls when Redis fails. */
	public List<byte[]> mget(byte[]... keys) {
		List<byte[]> values = call( "MGET", c -> c.mget( keys ) );
		if ( values == null ) {
			return java.util.Arrays.asList( new byte[keys.length][] );
		}
		return values;
	}

	/** Runs a script on the given keys; null when Redis fails. */
	public Object eval(LuaScript script, List<byte[]> keys, List<byte[]> args) {
		return call( script.name(), c -> script.eval( c, keys, args ) );
	}

	public boolean set(byte[] key, byte[] value, long ttlMillis) {
		return call( "SET", c -> c.set( key, value, SetParams.setParams().px( Math.max( 1, ttlMillis ) ) ) ) != null;
	}

	public boolean del(byte[] key) {
		return call( "DEL", c -> c.del( key ) ) != null;
	}

	/** Runs any command through the failure policy (for rare, non-hot-path operations). */
	public <T> T call(String what, Function<UnifiedJedis, T> command) {
		roundTrips.increment();
		byCommand.computeIfAbsent( what, k -> new LongAdder() ).increment();
		try {
			return command.apply( client );
		}
		catch (JedisException | IllegalStateException e) {
			failed.increment();
			failures.warn( "Redis " + what + " failed; the second-level cache is bypassed for this operation", e );
			return null;
		}
	}

	/** Round trips attempted since startup: for tests and benchmarks that count them. */
	public long roundTrips() {
		return roundTrips.sum();
	}

	/** Round trips by command or script name ({@code MGET}, {@code entry.lua}, ...), for diagnostics. */
	public java.util.Map<String, Long> roundTripsByCommand() {
		java.util.Map<String, Long> counts = new java.util.TreeMap<>();
		byCommand.forEach( (what, n) -> counts.put( what, n.sum() ) );
		return counts;
	}

	public long failures() {
		return failed.sum();
	}

	public UnifiedJedis client() {
		return client;
	}
}
