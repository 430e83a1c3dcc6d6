package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.redisl2.hibernate.compat.JedisClients;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.redis.LuaScript;
import dev.redisl2.hibernate.redis.RedisStore;

import org.jboss.logging.Logger;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * The copies of one region's state on Redis Cluster, one per {@linkplain dev.redisl2.hibernate.redis.SlotBuckets
 * bucket}, so that a read fetches an entry and the state in one slot with one {@code MGET}.
 * <ol>
 *   <li>Every change of the region state ({@code region.lua} on the authoritative key) is published to
 *       all copies before the operation returns: {@code state_copy.lua} per copy, pipelined, so one round
 *       trip per master in parallel. The cost depends on the bucket count, never on the region's size.</li>
 *   <li>A copy only moves forward ({@code state_copy.lua}), so publications racing each other, or a repair
 *       racing an eviction, leave every copy at the newest generation. A copy found ahead of the state
 *       being published (the state was lost and recreated behind it) makes the caller start a generation
 *       past it.</li>
 *   <li>A missing copy (a new region, memory eviction, an emptied node) is repaired from the authoritative
 *       state; when that state had to be created too, or is newer than one this node had seen, all copies
 *       are published, so that no bucket keeps an older generation than the one writers use.</li>
 *   <li>A publication that did not reach every copy (a master down) is remembered and repeated by
 *       {@link #retryIfPending} from the failover check until it succeeds.</li>
 * </ol>
 * Races: a reader that fetched a copy before a publication reached it serves the old generation; the
 * eviction has not returned yet, so that reader is concurrent with it, not after it.
 */
final class StateReplicas {

	private static final Logger LOG = Logger.getLogger( StateReplicas.class );

	private final String regionName;
	private final KeyLayout keys;
	private final CacheContext context;
	private final List<byte[]> copyKeys;
	private final AtomicBoolean failed = new AtomicBoolean();

	StateReplicas(String regionName, KeyLayout keys, CacheContext context) {
		this.regionName = regionName;
		this.keys = keys;
		this.context = context;
		this.copyKeys = keys.stateCopyKeys();
	}

	/** An entry and its bucket's state copy in one {@code MGET} (one slot); null when Redis failed. */
	List<byte[]> read(byte[]... keysInOneSlot) {
		return context.store().call( "MGET", c -> c.mget( keysInOneSlot ) );
	}

	/** Writes one bucket's copy (after a repair that found the state unchanged). */
	void publish(int bucket, RegionState state) {
		context.store().eval( context.stateCopyScript(), List.of( keys.stateCopyKey( bucket ) ), List.of( text( state ) ) );
	}

	/**
	 * Writes every copy. Returns the newest generation found among the copies: the state's own when all
	 * took it, a newer one when some copy was ahead of it (the caller must move past it); -1 when not every
	 * copy was reached, and the publication stays pending.
	 */
	long publishAll(RegionState state) {
		List<byte[]> args = List.of( text( state ) );
		LuaScript script = context.stateCopyScript();
		Long newest = context.store().call( "STATE COPIES", c -> {
			Outcome first = send( JedisClients.pipelined( c ), copyKeys, args, false );
			long max = first.newest();
			List<byte[]> viaClient = new ArrayList<>( first.redirected() );
			if ( !first.noScript().isEmpty() ) {
				Outcome second = send( JedisClients.pipelined( c ), first.noScript(), args, true );
				max = Math.max( max, second.newest() );
				viaClient.addAll( second.redirected() );
			}
			// a pipeline does not follow MOVED/ASK (slots being moved): the client does
			for ( byte[] key : viaClient ) {
				max = Math.max( max, newerGeneration( script.eval( c, List.of( key ), args ) ) );
			}
			return Math.max( max, state.generation() );
		} );
		if ( newest != null ) {
			return newest;
		}
		if ( failed.compareAndSet( false, true ) ) {
			LOG.warnf( "redisl2: the new state of region '%s' did not reach every master; it is published again"
					+ " until it does", regionName );
		}
		return -1;
	}

	/** Publishes the authoritative state again if a publication failed. */
	void retryIfPending() {
		if ( !failed.get() ) {
			return;
		}
		byte[] raw = context.store().call( "GET", c -> c.get( keys.stateKey() ) );
		RegionState state = RegionState.parse( raw );
		if ( state == null ) {
			return;
		}
		if ( publishAll( state ) >= 0 && failed.compareAndSet( true, false ) ) {
			LOG.infof( "redisl2: the state of region '%s' reached every master again", regionName );
		}
	}

	boolean pending() {
		return failed.get();
	}

	/**
	 * Copies to send again: with EVAL (the node lacked the script), or through the client (redirected);
	 * and the newest generation a copy refused to go back from (-1 if none).
	 */
	private record Outcome(List<byte[]> noScript, List<byte[]> redirected, long newest) {
	}

	/**
	 * One script call per copy in a pipeline: one round trip per master, in parallel. Any failure other
	 * than NOSCRIPT or a slot redirection throws, and the publication stays pending.
	 */
	private Outcome send(AbstractPipeline pipeline, List<byte[]> targets, List<byte[]> args, boolean withBody) {
		LuaScript script = context.stateCopyScript();
		List<Response<Object>> replies = new ArrayList<>( targets.size() );
		try ( pipeline ) {
			for ( byte[] key : targets ) {
				replies.add( withBody ? script.eval( pipeline, List.of( key ), args ) : script.evalsha( pipeline, List.of( key ), args ) );
			}
			pipeline.sync();
		}
		List<byte[]> noScript = new ArrayList<>();
		List<byte[]> redirected = new ArrayList<>();
		long newest = -1;
		for ( int i = 0; i < replies.size(); i++ ) {
			try {
				newest = Math.max( newest, newerGeneration( replies.get( i ).get() ) );
			}
			catch (JedisNoScriptException e) {
				noScript.add( targets.get( i ) );
			}
			catch (JedisRedirectionException e) {
				redirected.add( targets.get( i ) );
			}
			catch (JedisDataException e) {
				if ( e.getMessage() == null || !e.getMessage().startsWith( "TRYAGAIN" ) ) {
					throw e;
				}
				redirected.add( targets.get( i ) );
			}
		}
		return new Outcome( noScript, redirected, newest );
	}

	/** The generation of a copy that was ahead of the published state (state_copy.lua returned it), or -1. */
	private static long newerGeneration(Object reply) {
		RegionState ahead = reply instanceof byte[] raw ? RegionState.parse( raw ) : null;
		return ahead == null ? -1 : ahead.generation();
	}

	private static byte[] text(RegionState state) {
		return String.format( "%d %d %d %d", state.generation(), state.locks(), state.lockedUntil(), state.invalidatedAt() )
				.getBytes( StandardCharsets.US_ASCII );
	}
}
