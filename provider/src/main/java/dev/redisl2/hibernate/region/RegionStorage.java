package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.redisl2.hibernate.codec.CorruptEntryException;
import dev.redisl2.hibernate.codec.UnsupportedValueException;
import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.redis.RedisStore;
import dev.redisl2.hibernate.resilience.RateLimitedLog;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jboss.logging.Logger;

/**
 * One region's view of Redis: reads an entry together with the region state (one {@code MGET}, one round
 * trip), runs the entry and region scripts, and encodes and decodes payloads. Access strategies decide
 * what to do; this class only knows how.
 */
public final class RegionStorage {

	private static final Logger LOG = Logger.getLogger( RegionStorage.class );

	private final String name;
	private final KeyLayout keys;
	private final CacheContext context;
	private final Duration ttl;
	private final Duration negativeTtl;
	private final RateLimitedLog corrupt;
	private volatile RegionState known;

	public RegionStorage(String name, KeyLayout keys, CacheContext context, Duration ttl, Duration negativeTtl) {
		this.name = name;
		this.keys = keys;
		this.context = context;
		this.ttl = ttl;
		this.negativeTtl = negativeTtl;
		this.corrupt = new RateLimitedLog( LOG, 10_000_000_000L, System::nanoTime );
	}

	/** An entry as read, with the region state it was read under. */
	public record Lookup(byte[] key, byte[] raw, StoredEntry entry, RegionState state) {

		/** A value (or marker) written under the current generation. */
		public boolean current() {
			return entry != null && state != null && entry.generation() == state.generation();
		}

		public boolean isCurrent(StoredEntry.Kind kind) {
			return current() && entry.kind() == kind;
		}
	}

	public Lookup lookup(String entryId) {
		byte[] key = keys.entryKey( entryId );
		List<byte[]> raw = context.store().mget( key, keys.stateKey() );
		RegionState state = RegionState.parse( raw.get( 1 ) );
		if ( state == null ) {
			state = initState();
		}
		else {
			remember( state );
		}
		byte[] value = raw.get( 0 );
		StoredEntry entry = StoredEntry.parse( value );
		if ( value != null && entry == null ) {
			corrupt.warn( "Unreadable entry in region '" + name + "' treated as a miss (it will be overwritten by the next load)", null );
		}
		return new Lookup( key, value, entry, state );
	}

	/** Several entries and the region state in one {@code MGET}. */
	public List<Lookup> lookupAll(List<String> entryIds) {
		byte[][] all = new byte[entryIds.size() + 1][];
		for ( int i = 0; i < entryIds.size(); i++ ) {
			all[i] = keys.entryKey( entryIds.get( i ) );
		}
		all[entryIds.size()] = keys.stateKey();
		List<byte[]> raw = context.store().mget( all );
		RegionState state = RegionState.parse( raw.get( entryIds.size() ) );
		if ( state == null ) {
			state = initState();
		}
		else {
			remember( state );
		}
		List<Lookup> lookups = new ArrayList<>( entryIds.size() );
		for ( int i = 0; i < entryIds.size(); i++ ) {
			lookups.add( new Lookup( all[i], raw.get( i ), StoredEntry.parse( raw.get( i ) ), state ) );
		}
		return lookups;
	}

	/** Decodes a value's payload; null (a miss) if it cannot be decoded. */
	public Object decode(Lookup lookup, SessionFactoryImplementor factory) {
		try {
			return context.codecs().codec( factory ).decode( lookup.raw(), lookup.entry().payloadOffset() );
		}
		catch (CorruptEntryException e) {
			corrupt.warn( "Undecodable entry in region '" + name + "' treated as a miss", e );
			return null;
		}
	}

	/** Encodes a value's payload; null if the codec cannot represent it (then it is not cached). */
	public byte[] encode(Object value, SessionFactoryImplementor factory) {
		try {
			return context.codecs().codec( factory ).encode( value );
		}
		catch (UnsupportedValueException e) {
			corrupt.warn( "A value of region '" + name + "' cannot be encoded and is not cached", e );
			return null;
		}
	}

	/**
	 * The region state to write under: the one last seen, or fetched if none was. A put made under a
	 * state that has since changed carries an old generation, so no reader will ever serve it.
	 */
	public RegionState stateForWrite() {
		RegionState state = known;
		return state != null ? state : initState();
	}

	public Object entryScript(byte[] key, List<byte[]> args) {
		return context.store().eval( context.entryScript(), List.of( key ), args );
	}

	public boolean set(byte[] key, byte[] value, long ttlMillis) {
		return context.store().set( key, value, ttlMillis );
	}

	/** SET NX: writes only where nothing is stored. */
	public boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
		return context.store().call( "SET", c -> c.set( key, value,
				redis.clients.jedis.params.SetParams.setParams().nx().px( Math.max( 1, ttlMillis ) ) ) ) != null;
	}

	public void delete(String entryId) {
		context.store().del( keys.entryKey( entryId ) );
	}

	public byte[] key(String entryId) {
		return keys.entryKey( entryId );
	}

	/** Starts a new generation: every entry of the region becomes a miss on every node, in one round trip. */
	public void evictAll() {
		regionOp( "evict" );
	}

	public RegionState lockRegion() {
		return regionOp( "lock" );
	}

	public RegionState unlockRegion() {
		return regionOp( "unlock" );
	}

	private RegionState initState() {
		return regionOp( "init" );
	}

	private RegionState regionOp(String op) {
		Object reply = context.store().eval( context.regionScript(), List.of( keys.stateKey() ), List.of(
				bytes( op ),
				bytes( Long.toString( context.clock().next() ) ),
				bytes( Long.toString( context.lockTimeoutMicros() ) ) ) );
		RegionState state = reply instanceof byte[] raw ? RegionState.parse( raw ) : null;
		if ( state != null ) {
			known = state;
		}
		return state;
	}

	private void remember(RegionState state) {
		RegionState previous = known;
		// generations only grow: a reply that overtook a newer one must not win
		if ( previous == null || state.generation() >= previous.generation() ) {
			known = state;
		}
	}

	public long ttlMillis() {
		return context.jittered( ttl );
	}

	public Duration negativeTtl() {
		return negativeTtl;
	}

	public CacheContext context() {
		return context;
	}

	public String name() {
		return name;
	}

	public KeyLayout keys() {
		return keys;
	}

	static byte[] bytes(String text) {
		return text.getBytes( StandardCharsets.UTF_8 );
	}
}
