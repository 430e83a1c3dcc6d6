package dev.redisl2.hibernate.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.redisl2.hibernate.metrics.CommandStats;
import dev.redisl2.hibernate.resilience.CircuitBreaker;
import dev.redisl2.hibernate.resilience.Failures;
import dev.redisl2.hibernate.resilience.RateLimitedLog;

import org.jboss.logging.Logger;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The only path from the provider to Redis. Each method is one round trip. A Redis failure never
 * escapes: reads answer "nothing" and writes are dropped (callers that invalidate remember what they
 * could not write: see {@code InvalidationBacklog}).
 *
 * <p>Every call passes the factory's {@link CircuitBreaker} first: while it is open the call does not go
 * to Redis at all and answers "nothing" at once. Failures that mean Redis is unreachable feed the breaker,
 * which logs once when it opens; error replies (Redis answered, but refused this command) are logged
 * rate-limited and leave the breaker alone. {@link #direct} is the probe's way past the breaker.
 */
public final class RedisStore {

	private static final Logger LOG = Logger.getLogger( RedisStore.class );

	private final UnifiedJedis client;
	private final CircuitBreaker breaker;
	private final RateLimitedLog failures;
	private final LongAdder roundTrips = new LongAdder();
	private final LongAdder keysRead = new LongAdder();
	private final java.util.concurrent.ConcurrentHashMap<String, CommandStats> byCommand = new java.util.concurrent.ConcurrentHashMap<>();
	private final LongAdder failed = new LongAdder();
	private final LongAdder timedOut = new LongAdder();
	private final LongAdder refused = new LongAdder();

	public RedisStore(UnifiedJedis client, CircuitBreaker breaker) {
		this.client = client;
		this.breaker = breaker;
		this.failures = new RateLimitedLog( LOG, TimeUnit.SECONDS.toNanos( 10 ), System::nanoTime );
	}

	/** Values of the keys, in order; null for a missing key, or a list of nulls when Redis fails. */
	public List<byte[]> mget(byte[]... keys) {
		keysRead.add( keys.length );
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
		return call( "SET", c -> c.psetex( key, Math.max( 1, ttlMillis ), value ) ) != null; // PSETEX: one signature on every Jedis
	}

	public boolean del(byte[] key) {
		return call( "DEL", c -> c.del( key ) ) != null;
	}

	/** Runs a script that invalidates (see {@link #invalidation}); null when skipped or failed. */
	public Object evalInvalidation(LuaScript script, List<byte[]> keys, List<byte[]> args) {
		return invalidation( script.name(), c -> script.eval( c, keys, args ) );
	}

	/** Runs any command through the breaker and the failure policy; null when skipped or failed. */
	public <T> T call(String what, Function<UnifiedJedis, T> command) {
		return breaker.allows() ? run( what, command ) : null;
	}

	/**
	 * Runs a command that invalidates something other nodes may read (a lock, tombstone, eviction, query-space
	 * change). It goes to Redis as soon as the probe has an answer again, before reads and puts do, since the
	 * other nodes depend on it; null when skipped or failed (the caller then remembers it for replay).
	 */
	public <T> T invalidation(String what, Function<UnifiedJedis, T> command) {
		return breaker.allowsInvalidation() ? run( what, command ) : null;
	}

	private <T> T run(String what, Function<UnifiedJedis, T> command) {
		roundTrips.increment();
		CommandStats stats = byCommand.computeIfAbsent( what, k -> new CommandStats() );
		long start = System.nanoTime();
		try {
			T reply = command.apply( client );
			breaker.succeeded();
			return reply;
		}
		catch (JedisException | IllegalStateException e) {
			failed.increment();
			CircuitBreaker.Failure kind = Failures.classify( e );
			if ( kind == CircuitBreaker.Failure.SLOW ) {
				timedOut.increment();
			}
			if ( kind == null ) {
				refused.increment();
				failures.warn( "redisl2: Redis refused " + what + "; the second-level cache is bypassed for this operation", e );
			}
			else {
				LOG.debugf( "Redis %s failed: %s", what, Failures.describe( e ) );
				breaker.failed( kind, e );
			}
			return null;
		}
		finally {
			stats.record( System.nanoTime() - start );
		}
	}

	/**
	 * Runs a command past the breaker, for the recovery probe and its replay; null when it fails. Failures
	 * are neither counted nor logged here: the probe expects them while Redis is down.
	 */
	public <T> T direct(String what, Function<UnifiedJedis, T> command) {
		try {
			return command.apply( client );
		}
		catch (JedisException | IllegalStateException e) {
			LOG.debugf( "Redis %s failed on the recovery path: %s", what, Failures.describe( e ) );
			return null;
		}
	}

	/**
	 * Like {@link #direct} but hands an error reply to the caller instead of swallowing it, so that
	 * recovery can tell "Redis is down" (null) from "Redis refused this write" (the exception).
	 */
	public <T> T directOrRefusal(String what, Function<UnifiedJedis, T> command) throws JedisDataException {
		try {
			return command.apply( client );
		}
		catch (JedisDataException e) {
			throw e;
		}
		catch (JedisException | IllegalStateException e) {
			LOG.debugf( "Redis %s failed on the recovery path: %s", what, Failures.describe( e ) );
			return null;
		}
	}

	/** One PING past the breaker: null when Redis answered, otherwise what went wrong (no secrets, no stack trace). */
	public String probe() {
		try {
			client.ping();
			return null;
		}
		catch (JedisException | IllegalStateException e) {
			return Failures.describe( e );
		}
	}

	public CircuitBreaker breaker() {
		return breaker;
	}

	/** Round trips attempted since startup: for tests and benchmarks that count them. */
	public long roundTrips() {
		return roundTrips.sum();
	}

	/** Keys asked for by {@code MGET} since startup: what a read-ahead adds to a read shows here (tests, benchmarks). */
	public long keysRead() {
		return keysRead.sum();
	}

	/** Round trips by command or script name ({@code MGET}, {@code entry.lua}, ...), for diagnostics. */
	public java.util.Map<String, Long> roundTripsByCommand() {
		java.util.Map<String, Long> counts = new java.util.TreeMap<>();
		byCommand.forEach( (what, n) -> {
			if ( n.count() > 0 ) { // monitoring creates the counters of known commands before their first call
				counts.put( what, n.count() );
			}
		} );
		return counts;
	}

	/** The counters of one command or script, created on first use. */
	public CommandStats commandStats(String what) {
		return byCommand.computeIfAbsent( what, k -> new CommandStats() );
	}

	/** Count and total time of the round trips, by command or script name. */
	public java.util.Map<String, CommandStats> commandStats() {
		return java.util.Collections.unmodifiableMap( byCommand );
	}

	/** Round trips that failed: timed out, refused by Redis, or lost (connection refused or reset). */
	public long failures() {
		return failed.sum();
	}

	/** Of the failures: those that timed out (or found no pooled connection in time). */
	public long timeouts() {
		return timedOut.sum();
	}

	/** Of the failures: error replies (a refused command, a missing ACL permission), which do not open the breaker. */
	public long refusals() {
		return refused.sum();
	}

	public UnifiedJedis client() {
		return client;
	}
}
