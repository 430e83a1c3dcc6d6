package dev.redisl2.it.explorer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.redisl2.hibernate.codec.VersionText;
import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.redis.LuaScript;
import dev.redisl2.hibernate.region.RegionState;

import redis.clients.jedis.Jedis;

/**
 * The one adapter between the simulated nodes and the scripts: builds each call's ARGV exactly as
 * {@code ReadWriteAccess} and {@code RedisDataAccess} build it (same order, same fields, the provider's own
 * {@link StoredEntry}, {@link VersionText}, {@link RegionState}), and the Java side of a put whose versions
 * only Java can order ({@code OpaqueVersions.newer}, here over the model's integer versions).
 *
 * <p>Why not the real access classes: they need a session factory, a session and a Hibernate
 * {@code SharedSessionContractImplementor} per simulated transaction, and call Redis synchronously, one round
 * trip per call; the explorer needs many independent worlds pipelined in one connection to reach a million
 * steps in CI. The call shapes here were checked against the access classes by reading them.
 */
final class ScriptCalls {

	static final String FINGERPRINT = "fp1";
	/** Entries outlive any world: model time never reaches a real TTL (expiry is modelled as eviction). */
	static final long TTL_MILLIS = 3_600_000L;
	/** lock_timeout in µs of model time: short, so that transactions outlive it (ticks reach 35 ms). */
	static final long LOCK_TIMEOUT_MICROS = 20_000L;
	/** ReadWriteAccess.lockTtlMillis: lock timeout plus five seconds. */
	static final long LOCK_TTL_MILLIS = LOCK_TIMEOUT_MICROS / 1000L + 5_000L;
	/** single_flight.wait, in ms (only carried as the marker's TTL). */
	static final long SINGLE_FLIGHT_WAIT_MILLIS = 100L;

	/** The script texts a run uses (today's, a mutant, or the scripts before the fixes) and their SHA-1s once loaded. */
	record Scripts(String name, String entry, String region, byte[] entrySha, byte[] regionSha, byte[] evictSha) {

		/**
		 * The explorer's own eviction that spares live locks (multiplicity > 0), as volatile-lru mostly does:
		 * losing a live lock is hole C, which the default run leaves to StrictExplorerTest.
		 */
		static final String EVICT_UNLESS_LIVE_LOCK = "local v = redis.call('GET', KEYS[1]) if not v then return 0 end "
				+ "if string.sub(v, 1, 2) == 'L ' then local f = {} for w in string.gmatch(v, '%S+') do f[#f + 1] = w end "
				+ "if tonumber(f[7]) and tonumber(f[7]) > 0 then return 0 end end "
				+ "return redis.call('DEL', KEYS[1])";

		static Scripts of(String name, String entry, String region) {
			return new Scripts( name, entry, region, null, null, null );
		}

		static Scripts today() {
			return of( "main", resource( "/dev/redisl2/hibernate/lua/entry.lua" ), resource( "/dev/redisl2/hibernate/lua/region.lua" ) );
		}

		/** The scripts as of commit 37b6834, before the fixes of issue 12 (kept as test resources). */
		static Scripts beforeFixes() {
			return of( "37b6834", resource( "/explorer/entry-37b6834.lua" ), resource( "/explorer/region-37b6834.lua" ) );
		}

		Scripts withEntry(String name, String entryText) {
			return new Scripts( name, entryText, region, null, null, null );
		}

		Scripts loadedInto(Jedis jedis) {
			return new Scripts( name, entry, region,
					jedis.scriptLoad( entry ).getBytes( StandardCharsets.US_ASCII ),
					jedis.scriptLoad( region ).getBytes( StandardCharsets.US_ASCII ),
					jedis.scriptLoad( EVICT_UNLESS_LIVE_LOCK ).getBytes( StandardCharsets.US_ASCII ) );
		}
	}

	static String resource(String path) {
		// LuaScript's own class loader: the very resource the provider ships
		try ( InputStream in = LuaScript.class.getResourceAsStream( path ) ) {
			if ( in == null ) {
				throw new IllegalStateException( "missing resource " + path );
			}
			return new String( in.readAllBytes(), StandardCharsets.UTF_8 );
		}
		catch (IOException e) {
			throw new IllegalStateException( e );
		}
	}

	private final byte[] entryKey;
	private final byte[] stateKey;

	ScriptCalls(byte[] entryKey, byte[] stateKey) {
		this.entryKey = entryKey;
		this.stateKey = stateKey;
	}

	// ~~~~ the calls, in the access classes' ARGV layout

	/** RedisDataAccess.putFromLoad: put gen txTs version fingerprint ttl evicted since value [force]. */
	Command put(long gen, long txTs, String version, long ttl, String evicted, long since, byte[] value, boolean force) {
		List<Object> args = new ArrayList<>( List.of( "put", gen, txTs, version, FINGERPRINT, ttl, evicted, since, value ) );
		if ( force ) {
			args.add( "1" );
		}
		return entry( args );
	}

	/** The compare-and-set of an early refresh, or after a Java-side version decision: putif header ttl value. */
	Command putif(String header, long ttl, byte[] value) {
		return entry( List.of( "putif", header, ttl, value ) );
	}

	/** RedisDataAccess.cacheInserted: insert gen ttl value floor asOf; with hole H's pending fix also evicted since. */
	Command insert(long gen, long ttl, byte[] value, long invalidatedAt, long asOf, String evicted, long since) {
		return PendingFixes.INSERT_CARRIES_EVICTIONS
				? entry( List.of( "insert", gen, ttl, value, invalidatedAt, asOf, evicted, since ) )
				: entry( List.of( "insert", gen, ttl, value, invalidatedAt, asOf ) );
	}

	/** ReadWriteAccess.lockItem: lock gen timeout owner lockId version lockTtl floor. */
	Command lock(long gen, long timeout, String owner, String lockId, String version, long invalidatedAt) {
		return entry( List.of( "lock", gen, timeout, owner, lockId, version, LOCK_TTL_MILLIS, invalidatedAt ) );
	}

	/** ReadWriteAccess.unlockItem (and afterUpdate without a value): unlock owner lockId now timeout ttl gen. */
	Command unlock(String owner, String lockId, long releaseTs, long gen) {
		return entry( List.of( "unlock", owner, lockId, releaseTs, LOCK_TIMEOUT_MICROS, TTL_MILLIS, gen ) );
	}

	/** ReadWriteAccess.afterUpdate: update owner lockId now timeout ttl gen value. */
	Command update(String owner, String lockId, long releaseTs, long gen, byte[] value) {
		return entry( List.of( "update", owner, lockId, releaseTs, LOCK_TIMEOUT_MICROS, TTL_MILLIS, gen, value ) );
	}

	/** RedisDataAccess.missed: claim gen txTs owner waitMillis evicted since. */
	Command claim(long gen, long txTs, String owner, String evicted, long since) {
		return entry( List.of( "claim", gen, txTs, owner, SINGLE_FLIGHT_WAIT_MILLIS, evicted, since ) );
	}

	/** RedisDataAccess.evict (Cache.evictEntityData): remove. */
	Command remove() {
		return entry( List.of( "remove" ) );
	}

	/** RegionStorage.regionOp: init | evict | lock | unlock, now, lock timeout. */
	Command region(String op, long now) {
		return new Command( Command.Type.REGION_SCRIPT, List.of( stateKey ), texts( List.of( op, now, LOCK_TIMEOUT_MICROS ) ) );
	}

	/** RegionStorage.lookup: the entry and the region state in one MGET. */
	Command lookup() {
		return new Command( Command.Type.MGET, List.of( entryKey, stateKey ), List.of() );
	}

	/** maxmemory evicting the entry, unless it is a live lock. */
	Command evictUnlessLiveLock() {
		return new Command( Command.Type.EVICT_UNLESS_LIVE_LOCK, List.of( entryKey ), List.of() );
	}

	Command delete(boolean entry, boolean state) {
		List<byte[]> keys = new ArrayList<>();
		if ( entry ) {
			keys.add( entryKey );
		}
		if ( state ) {
			keys.add( stateKey );
		}
		return new Command( Command.Type.DEL, keys, List.of() );
	}

	/**
	 * Redis's evicted_keys cannot be raised without real evictions, so the model keeps the count (see
	 * docs/consistency-explorer.md): on delivery, a node's count that equals the model's is sent as the "0"
	 * that INFO shows, any other as a text that differs from it; the script's comparison is unchanged.
	 */
	static Command delivered(Command call, long evictedKeys) {
		if ( call.type() != Command.Type.ENTRY_SCRIPT ) {
			return call;
		}
		String op = new String( call.args().get( 0 ), StandardCharsets.US_ASCII );
		int at = op.equals( "put" ) ? 6 : op.equals( "claim" ) ? 5 : op.equals( "insert" ) ? 6 : -1;
		if ( at < 0 || at >= call.args().size() ) {
			return call;
		}
		String known = new String( call.args().get( at ), StandardCharsets.US_ASCII );
		List<byte[]> args = new ArrayList<>( call.args() );
		args.set( at, ( known.equals( Long.toString( evictedKeys ) ) ? "0" : "stale" + known ).getBytes( StandardCharsets.US_ASCII ) );
		return new Command( call.type(), call.keys(), args );
	}

	// ~~~~ values and versions, as the provider writes them

	static byte[] value(long gen, long ts, String version, String payload) {
		return StoredEntry.value( gen, ts, version, FINGERPRINT, payload.getBytes( StandardCharsets.US_ASCII ) );
	}

	/** OpaqueVersions.text for the three kinds of versions the model uses. */
	static String versionText(World.Kind kind, long version) {
		return switch ( kind ) {
			case VERSIONED, COLLECTION -> VersionText.encode( version );
			case UNVERSIONED -> StoredEntry.NO_VERSION;
			case OPAQUE -> StoredEntry.OPAQUE_VERSION + Base64.getUrlEncoder().withoutPadding()
					.encodeToString( ( "[" + version + "]" ).getBytes( StandardCharsets.US_ASCII ) );
		};
	}

	/** The model's version of a header's version text; null when it has none. */
	static Long versionOf(String text) {
		if ( text == null || text.equals( StoredEntry.NO_VERSION ) ) {
			return null;
		}
		if ( text.startsWith( StoredEntry.OPAQUE_VERSION ) ) {
			String json = new String( Base64.getUrlDecoder().decode( text.substring( 1 ) ), StandardCharsets.US_ASCII );
			return Long.parseLong( json.substring( 1, json.length() - 1 ) );
		}
		return Long.parseLong( text );
	}

	/** OpaqueVersions.newer: the comparator's answer, and no whenever anything is unreadable. */
	static boolean newer(String currentText, long version) {
		if ( currentText == null || !currentText.startsWith( StoredEntry.OPAQUE_VERSION ) ) {
			return false;
		}
		Long current = versionOf( currentText );
		return current != null && current < version;
	}

	private Command entry(List<Object> fields) {
		return new Command( Command.Type.ENTRY_SCRIPT, List.of( entryKey ), texts( fields ) );
	}

	private static List<byte[]> texts(List<Object> fields) {
		List<byte[]> out = new ArrayList<>( fields.size() );
		for ( Object f : fields ) {
			out.add( f instanceof byte[] raw ? raw : String.valueOf( f ).getBytes( StandardCharsets.UTF_8 ) );
		}
		return out;
	}
}
