package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.redisl2.hibernate.metrics.RegionCounters;
import dev.redisl2.hibernate.codec.CorruptEntryException;
import dev.redisl2.hibernate.codec.UnsupportedValueException;
import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.redis.RedisStore;
import dev.redisl2.hibernate.redis.SlotBuckets;
import dev.redisl2.hibernate.resilience.InvalidationBacklog;
import dev.redisl2.hibernate.resilience.RateLimitedLog;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.jboss.logging.Logger;

/**
 * One region's view of Redis: reads an entry together with the region state (one {@code MGET}, one round
 * trip), runs the entry and region scripts, and encodes and decodes payloads. Access strategies decide
 * what to do; this class only knows how. On Redis Cluster the state read with an entry is its bucket's
 * copy (see {@link KeyLayout} and {@link StateReplicas}): still one {@code MGET} in one slot.
 */
public final class RegionStorage {

	private static final Logger LOG = Logger.getLogger( RegionStorage.class );

	private final String name;
	private final KeyLayout keys;
	private final CacheContext context;
	private final Duration ttl;
	private final Duration negativeTtl;
	private final RateLimitedLog corrupt;
	private final StateReplicas replicas;
	private final LostWrites lostWrites = new LostWrites();
	private volatile RegionState known;
	private final HotKeys hotKeys;
	private final RegionCounters counters = new RegionCounters();
	private final RegionSize size = new RegionSize( this, System::nanoTime );
	/** Moving average of how long a load took, miss to put, in ms: the "recompute cost" of early expiration. */
	private volatile double loadMillis;

	public RegionStorage(String name, KeyLayout keys, CacheContext context, Duration ttl, Duration negativeTtl, HotKeys hotKeys) {
		this.hotKeys = hotKeys;
		this.name = name;
		this.keys = keys;
		this.context = context;
		this.ttl = ttl;
		this.negativeTtl = negativeTtl;
		this.corrupt = new RateLimitedLog( LOG, 10_000_000_000L, System::nanoTime );
		this.replicas = keys.isClustered() ? new StateReplicas( name, keys, context ) : null;
		context.track( this );
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
		if ( invalidationPending( key ) ) {
			return new Lookup( key, null, null, null ); // an invalidation Redis has not received yet: a miss
		}
		// on a cluster the state key is the copy in the entry's slot, and a failed read is told apart
		// from a missing copy (which is repaired)
		List<byte[]> raw = replicas == null
				? context.store().mget( key, keys.stateKey() )
				: replicas.read( key, keys.stateKeyFor( entryId ) );
		if ( raw == null ) {
			return new Lookup( key, null, null, null );
		}
		RegionState state;
		if ( replicas == null ) {
			state = stateRead( raw.get( 1 ) );
		}
		else {
			state = parseState( raw.get( 1 ) );
			if ( state == null ) {
				state = repairCopy( SlotBuckets.bucketOf( entryId ) );
			}
			else {
				remember( state );
			}
		}
		byte[] value = raw.get( 0 );
		StoredEntry entry = StoredEntry.parse( value );
		if ( value != null && entry == null ) {
			corrupt.warn( "Unreadable entry in region '" + name + "' treated as a miss (it will be overwritten by the next load)", null );
		}
		return new Lookup( key, value, entry, state );
	}

	/**
	 * Several entries and the region state: one {@code MGET} on a single Redis; on a cluster one per
	 * bucket touched (entries grouped with their bucket's state copy).
	 */
	public List<Lookup> lookupAll(List<String> entryIds) {
		if ( replicas != null ) {
			return lookupAllClustered( entryIds );
		}
		List<Read> reads = new ArrayList<>( entryIds.size() );
		for ( String entryId : entryIds ) {
			reads.add( new Read( this, entryId ) );
		}
		return lookupAcross( reads );
	}

	/** One entry of one region, for {@link #lookupAcross}. */
	public record Read(RegionStorage storage, String entryId) {
	}

	/**
	 * Entries of several regions, each read with its region's state, in one {@code MGET}: one round trip.
	 * Single Redis only (on a cluster the keys live in different slots: see {@link #readsAcrossRegions}), and
	 * every region must belong to one factory (one store).
	 */
	public static List<Lookup> lookupAcross(List<Read> reads) {
		if ( reads.isEmpty() ) {
			return List.of();
		}
		List<RegionStorage> regions = new ArrayList<>( 4 );
		for ( Read read : reads ) {
			if ( !regions.contains( read.storage() ) ) {
				regions.add( read.storage() );
			}
		}
		int n = reads.size();
		byte[][] all = new byte[n + regions.size()][];
		for ( int i = 0; i < n; i++ ) {
			all[i] = reads.get( i ).storage().keys.entryKey( reads.get( i ).entryId() );
		}
		for ( int j = 0; j < regions.size(); j++ ) {
			all[n + j] = regions.get( j ).keys.stateKey();
		}
		List<byte[]> raw = regions.get( 0 ).context.store().mget( all );
		RegionState[] states = new RegionState[regions.size()];
		for ( int j = 0; j < regions.size(); j++ ) {
			states[j] = regions.get( j ).stateRead( raw.get( n + j ) );
		}
		List<Lookup> lookups = new ArrayList<>( n );
		for ( int i = 0; i < n; i++ ) {
			RegionStorage region = reads.get( i ).storage();
			byte[] value = raw.get( i );
			lookups.add( region.invalidationPending( all[i] )
					? new Lookup( all[i], null, null, null )
					: new Lookup( all[i], value, StoredEntry.parse( value ), states[regions.indexOf( region )] ) );
		}
		return lookups;
	}

	/**
	 * Whether a lookup read earlier (a read-ahead) was read under a generation older than the one this node
	 * has seen since: a region eviction or bulk operation (this node's own, say) came in between, so it is
	 * not served.
	 */
	public boolean outdated(Lookup lookup) {
		RegionState now = known;
		return lookup.state() != null && now != null && now.generation() > lookup.state().generation();
	}

	/** Whether {@link #lookupAcross} may read this region's entries with other regions' (a single Redis). */
	public boolean readsAcrossRegions() {
		return replicas == null;
	}

	private List<Lookup> lookupAllClustered(List<String> entryIds) {
		Map<Integer, List<Integer>> byBucket = new TreeMap<>();
		for ( int i = 0; i < entryIds.size(); i++ ) {
			byBucket.computeIfAbsent( SlotBuckets.bucketOf( entryIds.get( i ) ), b -> new ArrayList<>() ).add( i );
		}
		Lookup[] lookups = new Lookup[entryIds.size()];
		for ( Map.Entry<Integer, List<Integer>> bucket : byBucket.entrySet() ) {
			List<Integer> members = bucket.getValue();
			byte[][] group = new byte[members.size() + 1][];
			for ( int j = 0; j < members.size(); j++ ) {
				group[j] = keys.entryKey( entryIds.get( members.get( j ) ) );
			}
			group[members.size()] = keys.stateCopyKey( bucket.getKey() );
			List<byte[]> raw = replicas.read( group );
			RegionState state = raw == null ? null : parseState( raw.get( members.size() ) );
			if ( raw != null && state == null ) {
				state = repairCopy( bucket.getKey() );
			}
			else if ( state != null ) {
				remember( state );
			}
			for ( int j = 0; j < members.size(); j++ ) {
				byte[] value = raw == null ? null : raw.get( j );
				lookups[members.get( j )] = new Lookup( group[j], value, StoredEntry.parse( value ), state );
			}
		}
		return List.of( lookups );
	}

	/**
	 * A bucket without its state copy: the copy is rebuilt from the authoritative state (created if it is
	 * missing too, and then published to every bucket, so that no copy keeps an older generation than
	 * the one writers use).
	 */
	private RegionState repairCopy(int bucket) {
		RegionState state = regionOp( "init" );
		if ( state != null ) {
			replicas.publish( bucket, state );
		}
		return state;
	}

	/** Decodes a value's payload; null (a miss) if it cannot be decoded. */
	public Object decode(Lookup lookup, SessionFactoryImplementor factory) {
		try {
			return context.codecs().codec( factory ).decode( lookup.raw(), lookup.entry().payloadOffset() );
		}
		catch (CorruptEntryException e) {
			corrupt.warn( "Undecodable entry in region '" + name + "' treated as a miss and deleted", e );
			dropUndecodable( lookup );
			return null;
		}
	}

	/** A decoded value that does not fit the region (see {@code EntryShape}): a miss, deleted like an undecodable one. */
	public void rejectDecoded(Lookup lookup, String problem) {
		corrupt.warn( "Foreign entry in region '" + name + "' treated as a miss and deleted: " + problem, null );
		dropUndecodable( lookup );
	}

	/**
	 * Deletes a value that could not be decoded, if it is still the one read. The next load caches the row
	 * again; without this, a value whose header claims the current version would block every load until
	 * its TTL (a load never replaces a value as new as its own).
	 */
	private void dropUndecodable(Lookup lookup) {
		String sha1;
		try {
			sha1 = java.util.HexFormat.of().formatHex( java.security.MessageDigest.getInstance( "SHA-1" ).digest( lookup.raw() ) );
		}
		catch (java.security.NoSuchAlgorithmException e) {
			return;
		}
		context.store().eval( context.entryScript(), List.of( lookup.key() ), List.of( bytes( "drop" ), bytes( sha1 ) ) );
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

	/**
	 * One {@code entry.lua} call. Every operation but {@code put} (a load) changes what other nodes may
	 * read or cache, so when one does not reach Redis its key joins the backlog for replay.
	 */
	public Object entryScript(byte[] key, List<byte[]> args) {
		if ( Arrays.equals( args.get( 0 ), PUT ) ) {
			return context.store().eval( context.entryScript(), List.of( key ), args );
		}
		Object reply = context.store().evalInvalidation( context.entryScript(), List.of( key ), args );
		if ( reply == null ) {
			context.backlog().entry( lostWrites, key );
		}
		return reply;
	}

	public boolean set(byte[] key, byte[] value, long ttlMillis) {
		return context.store().set( key, value, ttlMillis );
	}

	private static final byte[] NX = { 'N', 'X' };
	private static final byte[] PX = { 'P', 'X' };

	/** SET NX: writes only where nothing is stored. */
	public boolean setIfAbsent(byte[] key, byte[] value, long ttlMillis) {
		// a raw SET: SetParams.px has no single binary signature across the supported Jedis versions
		byte[] ttl = Long.toString( Math.max( 1, ttlMillis ) ).getBytes( java.nio.charset.StandardCharsets.US_ASCII );
		return context.store().call( "SET", c -> c.sendCommand( key, redis.clients.jedis.Protocol.Command.SET, key, value,
				NX, PX, ttl ) ) != null;
	}

	public void delete(String entryId) {
		byte[] key = keys.entryKey( entryId );
		if ( context.store().invalidation( "DEL", c -> c.del( key ) ) == null ) {
			context.backlog().entry( lostWrites, key );
		}
	}

	/**
	 * Whether an invalidation of this entry has not reached Redis yet. Until it has, this node neither reads
	 * the entry (a miss) nor writes it: a load cannot know whether it is newer than the lost change.
	 */
	public boolean invalidationPending(byte[] key) {
		return context.backlog().pending( lostWrites, key );
	}

	public byte[] key(String entryId) {
		return keys.entryKey( entryId );
	}

	/**
	 * Starts a new generation: every entry of the region becomes a miss on every node, in one round trip
	 * (plus, on a cluster, one pipelined round trip per master to the state copies). False when Redis
	 * did not take it.
	 */
	public boolean evictAll() {
		return regionOp( "evict" ) != null;
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

	/**
	 * Runs {@code region.lua} on the region state. On a cluster every change is then published to the
	 * state copies before this returns, so that no reader of any bucket serves the old generation after it;
	 * so is a state that an {@code init} created, or found newer than one this node had seen.
	 */
	private RegionState regionOp(String op) {
		if ( hotKeys.near() != null && !op.equals( "init" ) ) {
			hotKeys.near().invalidateAll();
		}
		long now = context.clock().next();
		RegionState state = runRegionScript( op, now );
		if ( state == null ) {
			if ( !op.equals( "init" ) ) {
				// an eviction or bulk lock that never arrived: the whole region is invalidated on replay
				context.backlog().region( lostWrites );
			}
			return null;
		}
		RegionState before = known;
		known = state;
		if ( replicas != null && ( !op.equals( "init" ) || createdBy( state, now ) || ( before != null && newerThan( state, before ) ) ) ) {
			state = publishState( state );
		}
		return state;
	}

	/**
	 * Cluster: publishes a state to every copy; a copy ahead of it means the state was lost and recreated
	 * behind it, so the region moves past that copy, or the operation would leave that bucket's entries
	 * current. Returns the state the region ends up with.
	 */
	RegionState publishState(RegionState state) {
		if ( replicas == null ) {
			return state;
		}
		long newest = replicas.publishAll( state );
		for ( int attempt = 0; attempt < 3 && newest > state.generation(); attempt++ ) {
			RegionState past = runRegionScript( "evict", newest + 1 );
			if ( past == null ) {
				break;
			}
			state = past;
			known = past;
			newest = replicas.publishAll( state );
		}
		return state;
	}

	/**
	 * Takes the state read or created at startup ({@link StatePriming}). Returns whether this region keeps
	 * state copies that the caller must write (cluster only).
	 */
	boolean adoptPrimed(RegionState state) {
		remember( state );
		return replicas != null;
	}

	byte[] stateKey() {
		return keys.stateKey();
	}

	List<byte[]> stateCopyKeys() {
		return keys.stateCopyKeys();
	}

	static String text(RegionState state) {
		return state.generation() + " " + state.locks() + " " + state.lockedUntil() + " " + state.invalidatedAt();
	}

	private List<byte[]> regionArgs(String op, long now) {
		return List.of(
				bytes( op ),
				bytes( Long.toString( now ) ),
				bytes( Long.toString( context.lockTimeoutMicros() ) ) );
	}

	/** region.lua; every operation but init invalidates, so a failed one goes to the backlog of lost writes. */
	private RegionState runRegionScript(String op, long now) {
		List<byte[]> args = regionArgs( op, now );
		Object reply = op.equals( "init" )
				? context.store().eval( context.regionScript(), List.of( keys.stateKey() ), args )
				: context.store().evalInvalidation( context.regionScript(), List.of( keys.stateKey() ), args );
		return reply instanceof byte[] raw ? RegionState.parse( raw ) : null;
	}

	/** An {@code init} that found no state creates one whose generation is the time it was given. */
	private static boolean createdBy(RegionState state, long now) {
		return state.generation() == now;
	}

	private static boolean newerThan(RegionState state, RegionState before) {
		return before == null || state.generation() > before.generation();
	}

	/** Republishes the region state to the copies a failed publication missed (cluster only). */
	public void retryPendingCopies() {
		if ( replicas != null ) {
			replicas.retryIfPending();
		}
	}

	/** The last state text read and what it parsed to: the region state changes rarely and is read with every entry. */
	private record ParsedState(byte[] raw, RegionState state) {
	}

	private volatile ParsedState lastParsed;

	/** Parses the region state as read with an entry, reusing the last result when the text is unchanged. */
	/** The state as read on a single Redis: remembered, or created where it is missing. */
	private RegionState stateRead(byte[] raw) {
		RegionState state = parseState( raw );
		if ( state == null ) {
			return initState();
		}
		remember( state );
		return state;
	}

	private RegionState parseState(byte[] raw) {
		ParsedState last = lastParsed;
		if ( raw != null && last != null && java.util.Arrays.equals( raw, last.raw() ) ) {
			return last.state();
		}
		RegionState state = RegionState.parse( raw );
		if ( state != null ) {
			lastParsed = new ParsedState( raw, state );
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

	/** The TTL of a value written at timestamp (µs): jittered, but computable by any reader (see CacheContext). */
	public long ttlMillis(String entryId, long timestamp) {
		return context.jittered( ttl, entryId, timestamp );
	}

	/** Keys of this region in Redis, counted at most once a minute with a bounded SCAN; -1 when unknown. */
	public long keyCount() {
		return size.count();
	}

	/** What this region counts about itself (refused puts, single-flight waits, early refreshes). */
	public RegionCounters counters() {
		return counters;
	}

	public HotKeys hotKeys() {
		return hotKeys;
	}

	/** Records how long one load took, from the miss to its put. */
	public void recordLoad(long nanos) {
		double millis = nanos / 1e6;
		double before = loadMillis;
		loadMillis = before == 0 ? millis : before * 0.9 + millis * 0.1;
	}

	public double loadMillis() {
		return loadMillis;
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

	/**
	 * Deletes the region state key, on the recovery path: every entry of the region becomes unreadable (a
	 * lookup finds no state; the one that recreates it starts a newer generation and refuses loads that began
	 * before). The fallback when Redis refuses the usual writes, since DEL is allowed even when memory is full.
	 */
	boolean dropState() {
		return context.store().direct( "DEL", c -> c.del( keys.stateKey() ) ) != null;
	}

	private static final byte[] PUT = bytes( "put" );
	private static final byte[] ANY = bytes( "-" );

	/**
	 * How this region replays what it could not write (see {@code InvalidationBacklog}); runs on the
	 * recovery thread, past the breaker.
	 */
	private final class LostWrites implements InvalidationBacklog.Target {

		@Override
		public String name() {
			return name;
		}

		/**
		 * An {@code unlock} by nobody: entry.lua leaves a live lock of another node alone and otherwise
		 * writes a released lock stamped now, which every node reads as a miss and which admits only loads
		 * that began after it. If Redis refuses the write (out of memory under {@code noeviction}), the key
		 * is deleted instead: DEL is allowed when memory is full, and a load could not write either.
		 */
		@Override
		public boolean invalidate(byte[] key) {
			RegionState state = known;
			List<byte[]> args = List.of( bytes( "unlock" ), ANY, ANY,
					bytes( Long.toString( context.clock().next() ) ),
					bytes( Long.toString( context.lockTimeoutMicros() ) ),
					bytes( Long.toString( context.settings().tombstoneTtl().toMillis() ) ),
					bytes( Long.toString( state == null ? 0 : state.generation() ) ) );
			RedisStore store = context.store();
			try {
				return store.directOrRefusal( "entry.lua unlock", c -> context.entryScript().eval( c, List.of( key ), args ) ) != null;
			}
			catch (redis.clients.jedis.exceptions.JedisDataException refused) {
				return store.direct( "DEL", c -> c.del( key ) ) != null;
			}
		}

		/** A new generation; if Redis refuses the write (out of memory), the state key is deleted instead (see {@link #dropState}). */
		@Override
		public boolean invalidateAll() {
			Object reply;
			try {
				reply = context.store().directOrRefusal( "region.lua evict",
						c -> context.regionScript().eval( c, List.of( keys.stateKey() ), regionArgs( "evict", context.clock().next() ) ) );
			}
			catch (redis.clients.jedis.exceptions.JedisDataException refused) {
				return dropState();
			}
			RegionState state = reply instanceof byte[] raw ? RegionState.parse( raw ) : null;
			if ( state != null ) {
				remember( state );
				if ( replicas != null ) {
					replicas.publishAll( state );
				}
			}
			return state != null;
		}

		@Override
		public boolean canInvalidateAll() {
			return true;
		}
	}
}
