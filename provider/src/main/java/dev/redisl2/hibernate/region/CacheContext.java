package dev.redisl2.hibernate.region;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.redisl2.hibernate.compat.JedisClients;
import dev.redisl2.hibernate.clock.SharedClock;
import dev.redisl2.hibernate.config.ProviderSettings;
import dev.redisl2.hibernate.config.Topology;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.redis.LuaScript;
import dev.redisl2.hibernate.redis.RedisStore;
import dev.redisl2.hibernate.resilience.EvictionWatch;
import dev.redisl2.hibernate.resilience.InvalidationBacklog;


/**
 * What every region of one RegionFactory shares: settings, the Redis store, the shared clock, the
 * scripts, the codec, this node's lock-owner identity, and what it knows about failures (the backlog
 * of undelivered invalidations, Redis's eviction count). One per factory, never static, so two
 * SessionFactories in one JVM are two independent nodes.
 */
public final class CacheContext {

	private final ProviderSettings settings;
	private final RedisStore store;
	private final SharedClock clock;
	private final CodecHolder codecs;
	private final LuaScript entryScript = LuaScript.load( "entry.lua" );
	private final LuaScript regionScript = LuaScript.load( "region.lua" );
	private final LuaScript timestampsScript = LuaScript.load( "timestamps.lua" );
	private final LuaScript stateCopyScript = LuaScript.load( "state_copy.lua" );
	private final List<RegionStorage> regions = new CopyOnWriteArrayList<>();
	private final String owner;
	/** Region code to region name, in the compact key layout: two regions must never share a code. */
	private final java.util.concurrent.ConcurrentMap<String, String> regionCodes = new java.util.concurrent.ConcurrentHashMap<>();
	private final AtomicLong nextLockId = new AtomicLong();
	private final InvalidationBacklog backlog;
	private final EvictionWatch evictions;
	private final java.util.List<RegionStorage> queryRegions = new java.util.concurrent.CopyOnWriteArrayList<>();

	public CacheContext(ProviderSettings settings, RedisStore store, SharedClock clock, InvalidationBacklog backlog,
			EvictionWatch evictions) {
		this.settings = settings;
		this.store = store;
		this.clock = clock;
		this.backlog = backlog;
		this.evictions = evictions;
		this.codecs = new CodecHolder( settings.allowedTypes(), settings.storage() );
		byte[] id = new byte[8];
		new SecureRandom().nextBytes( id );
		this.owner = HexFormat.of().formatHex( id );
	}

	public ProviderSettings settings() {
		return settings;
	}

	public RedisStore store() {
		return store;
	}

	public SharedClock clock() {
		return clock;
	}

	/** Invalidations that did not reach Redis, replayed by the factory's recovery probe. */
	public InvalidationBacklog backlog() {
		return backlog;
	}

	public EvictionWatch evictions() {
		return evictions;
	}

	/** Registers a query-results region, for recovery when a query-space invalidation cannot be written. */
	void queryRegion(RegionStorage region) {
		queryRegions.add( region );
	}

	List<RegionStorage> queryRegions() {
		return queryRegions;
	}

	public CodecHolder codecs() {
		return codecs;
	}

	public LuaScript entryScript() {
		return entryScript;
	}

	public LuaScript regionScript() {
		return regionScript;
	}

	public LuaScript timestampsScript() {
		return timestampsScript;
	}

	public LuaScript stateCopyScript() {
		return stateCopyScript;
	}

	/** Whether keys use the Redis Cluster layout (see {@link KeyLayout}). */
	public boolean clustered() {
		return settings.topology().kind() == Topology.Kind.CLUSTER
				|| JedisClients.isCluster( settings.externalClient() );
	}

	/** The key layout of a region under this factory's topology. */
	public KeyLayout keyLayout(String regionName) {
		if ( settings.storage().compactKeys() ) {
			String code = KeyLayout.regionCode( regionName );
			String other = regionCodes.putIfAbsent( code, regionName );
			if ( other != null && !other.equals( regionName ) ) {
				throw new dev.redisl2.hibernate.config.InvalidSettingException( dev.redisl2.hibernate.RedisCacheSettings.KEY_LAYOUT,
						"regions '" + other + "' and '" + regionName + "' derive the same key code '" + code
								+ "'; rename one of them or use key_layout=full" );
			}
		}
		return KeyLayout.of( settings.keyPrefix(), regionName, clustered(), settings.storage().compactKeys() );
	}

	void track(RegionStorage region) {
		regions.add( region );
	}

	/** Every region built by this factory, for operations on all of them (a failover fence). */
	public List<RegionStorage> regions() {
		return Collections.unmodifiableList( regions );
	}

	/** This node's identity as a soft-lock owner. */
	public String owner() {
		return owner;
	}

	public long nextLockId() {
		return nextLockId.incrementAndGet();
	}

	/** Lock timeout in clock units (µs), the unit of every cache timestamp. */
	public long lockTimeoutMicros() {
		return settings.lockTimeout().toNanos() / 1000L;
	}

	/**
	 * The time to stamp on a release (an unlock, a tombstone): loads that began before it are kept out.
	 * Until this node's clock has been measured against Redis it may be behind the others, which would let
	 * such loads in; so it then stamps a time one lock timeout ahead, keeping loads out a little too long
	 * rather than letting a stale one in.
	 */
	public long releaseTimestamp() {
		long now = clock.next();
		return clock.synced() ? now : now + lockTimeoutMicros();
	}

	/**
	 * Whether this node may cache what it loads: only once its clock is measured against Redis, since the
	 * timestamps a load is judged by come from that clock.
	 */
	public boolean mayCacheLoads() {
		return clock.synced();
	}

	/** A TTL lengthened by a random share of up to ttl_jitter, in ms. */
	public long jittered(Duration ttl) {
		long millis = Math.max( 1, ttl.toMillis() );
		double jitter = settings.ttlJitter();
		return jitter == 0 ? millis : millis + (long) ( millis * jitter * ThreadLocalRandom.current().nextDouble() );
	}

	/**
	 * A value's TTL, lengthened by a share of up to ttl_jitter that is random across entries but derived
	 * from the entry and its timestamp, so that a reader can tell when the value expires without asking
	 * Redis (early expiration needs that).
	 */
	public long jittered(Duration ttl, String entryId, long timestamp) {
		long millis = Math.max( 1, ttl.toMillis() );
		double jitter = settings.ttlJitter();
		if ( jitter == 0 ) {
			return millis;
		}
		long mixed = ( entryId.hashCode() * 0x9E3779B97F4A7C15L ) ^ timestamp;
		mixed ^= mixed >>> 33;
		mixed *= 0xFF51AFD7ED558CCDL;
		mixed ^= mixed >>> 33;
		double unit = ( mixed >>> 11 ) * 0x1.0p-53;
		return millis + (long) ( millis * jitter * unit );
	}

	private volatile dev.redisl2.hibernate.near.InvalidationChannel nearChannel;

	/** The near cache's invalidation channel, once the factory opened it; null when no region has a near cache. */
	public dev.redisl2.hibernate.near.InvalidationChannel nearChannel() {
		return nearChannel;
	}

	public void attachNearChannel(dev.redisl2.hibernate.near.InvalidationChannel channel) {
		this.nearChannel = channel;
	}
}
