package dev.redisl2.hibernate.access;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import dev.redisl2.hibernate.codec.VersionText;
import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.metrics.RefusedPut;
import dev.redisl2.hibernate.metrics.RegionCounters;
import dev.redisl2.hibernate.near.NearCache;
import dev.redisl2.hibernate.redis.RedisCacheKeysFactory;
import dev.redisl2.hibernate.region.HotKeys;
import dev.redisl2.hibernate.region.RedisDomainDataRegion;
import dev.redisl2.hibernate.region.RegionState;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.hibernate.resilience.EvictionWatch;

import org.hibernate.CacheMode;
import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.DomainDataRegion;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * What all three strategies share: reads, loads, evictions and bulk-operation region locks. A strategy
 * object serves whichever role Hibernate asks of it (entity, collection or natural id): the roles differ
 * only in how keys are made and whether a version is passed, so one class per strategy implements all three.
 *
 * <p>Round trips: a read is one {@code MGET} (entry and region state); a load's put is one script call.
 */
public abstract class RedisDataAccess implements EntityDataAccess, CollectionDataAccess, NaturalIdDataAccess {

	private static final SoftLock NO_LOCK = null;

	/** Early expiration's load cost before one was measured: a slow query, so that the first expiry is covered too. */
	private static final double UNMEASURED_LOAD_MILLIS = 20;

	/** How often a put whose versions only Java can compare retries its compare-and-set. */
	private static final int CAS_ATTEMPTS = 3;

	protected final RedisDomainDataRegion region;
	protected final RegionStorage storage;
	private final CacheKeysFactory keysFactory;
	private final Comparator<Object> versionComparator;
	private final ElementsReadAhead elementsReadAhead;
	private final AssociationReadAhead associations;

	/**
	 * @param role the entity name, collection role or natural-id entity this access object serves
	 * @param versionComparator orders the cached data's versions; null when unversioned
	 */
	protected RedisDataAccess(RedisDomainDataRegion region, CacheKeysFactory keysFactory, String role,
			Comparator<Object> versionComparator) {
		this.region = region;
		this.storage = region.storage();
		this.keysFactory = keysFactory;
		this.versionComparator = versionComparator;
		this.elementsReadAhead = new ElementsReadAhead( role );
		this.associations = new AssociationReadAhead( this, storage.context().settings().adaptiveReadAhead()
				&& storage.readsAcrossRegions() );
	}

	ElementsReadAhead elementsReadAhead() {
		return elementsReadAhead;
	}

	/**
	 * The value of an entry read ahead if a get would serve it to this session now (current, of this
	 * region's shape, readable), else null; nothing is offered to the near cache or refreshed.
	 */
	Object servable(RegionStorage.Lookup lookup, SharedSessionContractImplementor session) {
		if ( !lookup.isCurrent( StoredEntry.Kind.VALUE ) || !region.fingerprint().equals( lookup.entry().fingerprint() )
				|| !readable( lookup.entry(), session ) || storage.outdated( lookup ) ) {
			return null;
		}
		return decodeChecked( lookup, session );
	}

	/** Whether this region's near cache holds the entry now (a read-ahead leaves it out). */
	boolean nearCacheHolds(Object key) {
		NearCache near = storage.hotKeys().near();
		return near != null && near.get( entryId( key ) ) != null;
	}

	/** The near cache's stamp before a read (0 without a near cache): see {@link NearCache#stamp()}. */
	long nearStamp() {
		NearCache near = storage.hotKeys().near();
		return near == null ? 0 : near.stamp();
	}

	/** Reads several entries of this region in one round trip, for a read-ahead. */
	java.util.Map<String, RegionStorage.Lookup> lookupAll(List<Object> keys) {
		List<String> entryIds = new java.util.ArrayList<>( keys.size() );
		for ( Object key : keys ) {
			entryIds.add( entryId( key ) );
		}
		List<RegionStorage.Lookup> lookups = storage.lookupAll( entryIds );
		java.util.Map<String, RegionStorage.Lookup> byRef = new java.util.HashMap<>();
		for ( int i = 0; i < keys.size(); i++ ) {
			byRef.put( entryRef( keys.get( i ) ), lookups.get( i ) );
		}
		return byRef;
	}

	@Override
	public DomainDataRegion getRegion() {
		return region;
	}

	// ~~~~ keys

	@Override
	public Object generateCacheKey(Object id, EntityPersister persister, SessionFactoryImplementor factory, String tenantIdentifier) {
		return keysFactory.createEntityKey( id, persister, factory, tenantIdentifier );
	}

	@Override
	public Object generateCacheKey(Object id, CollectionPersister persister, SessionFactoryImplementor factory, String tenantIdentifier) {
		return keysFactory.createCollectionKey( id, persister, factory, tenantIdentifier );
	}

	@Override
	public Object generateCacheKey(Object naturalIdValues, EntityPersister persister, SharedSessionContractImplementor session) {
		return keysFactory.createNaturalIdKey( naturalIdValues, persister, session );
	}

	@Override
	public Object getCacheKeyId(Object cacheKey) {
		return keysFactory.getEntityId( cacheKey );
	}

	@Override
	public Object getNaturalIdValues(Object cacheKey) {
		return keysFactory.getNaturalIdValues( cacheKey );
	}

	protected static String entryId(Object key) {
		return RedisCacheKeysFactory.entryId( key );
	}

	/** Names an entry uniquely within the factory, for per-session bookkeeping. */
	protected String entryRef(Object key) {
		return region.getName() + '\u0000' + entryId( key );
	}

	// ~~~~ negative cache (entity ids looked up and not found)

	/** Whether this region keeps "not found" markers ({@code negative_ttl} > 0). */
	public boolean negativeCaching() {
		return !storage.negativeTtl().isZero();
	}

	/**
	 * Reads the entry before a load. True when a current "not found" marker says the row does not exist;
	 * otherwise the read is kept for the {@link #get} that follows, so the lookup costs no extra round trip.
	 */
	public boolean knownMissing(SharedSessionContractImplementor session, Object key) {
		if ( session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization pendingSync
				&& readIfPending( session, pendingSync, entryRef( key ) ) ) {
			SessionCacheSynchronization.Prefetched read = pendingSync.peekPrefetched( entryRef( key ) );
			if ( read != null && read.lookup().isCurrent( StoredEntry.Kind.NOT_FOUND ) ) {
				pendingSync.takePrefetched( entryRef( key ) );
				return true;
			}
			return false; // the get that follows takes it
		}
		long nearStamp = nearStamp();
		RegionStorage.Lookup lookup = read( session, key, entryId( key ) ); // with the learned collections, if any
		if ( lookup.isCurrent( StoredEntry.Kind.NOT_FOUND ) ) {
			return true;
		}
		if ( session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync ) {
			sync.prefetched( entryRef( key ), lookup, nearStamp );
		}
		return false;
	}

	/** Remembers that the row does not exist, unless anything (a value, lock or tombstone) is there. */
	public void cacheNotFound(Object key) {
		RegionState state = storage.stateForWrite();
		if ( state != null ) {
			storage.setIfAbsent( storage.key( entryId( key ) ),
					StoredEntry.notFound( state.generation(), storage.context().clock().next() ),
					storage.negativeTtl().toMillis() );
		}
	}

	// ~~~~ reads

	@Override
	public Object get(SharedSessionContractImplementor session, Object key) {
		SessionCacheSynchronization sync = session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization s ? s : null;
		if ( sync != null && sync.watching() ) {
			sync.asked( entryRef( key ) ); // the association read-ahead learns which associations sessions walk
		}
		NearCache near = storage.hotKeys().near();
		long nearStamp = 0;
		String entryId = null;
		if ( near != null ) {
			entryId = entryId( key );
			NearCache.Entry hit = near.get( entryId );
			if ( hit != null && readable( hit.header(), session ) ) {
				if ( refreshDue( session, key, entryId, hit.header() ) ) {
					return null;
				}
				served( session, sync, key, hit.value() );
				return hit.value();
			}
			nearStamp = near.stamp();
		}
		RegionStorage.Lookup lookup = null;
		if ( sync != null && ( sync.hasPrefetched() || sync.pending() != null ) ) {
			String ref = entryRef( key ); // the key text is built only when something was read ahead
			SessionCacheSynchronization.Prefetched read = sync.takePrefetched( ref );
			if ( read == null && readIfPending( session, sync, ref ) ) {
				read = sync.takePrefetched( ref ); // this entry, with everything else pending, in one MGET
			}
			if ( read != null && !storage.outdated( read.lookup() ) ) {
				lookup = read.lookup();
				nearStamp = read.nearStamp(); // the stamp of the read that produced it, not of now
			}
		}
		if ( lookup == null ) {
			lookup = read( session, key, entryId != null ? entryId : ( entryId = entryId( key ) ) );
		}
		if ( !lookup.isCurrent( StoredEntry.Kind.VALUE ) || !region.fingerprint().equals( lookup.entry().fingerprint() ) ) {
			return missed( session, key, lookup );
		}
		if ( !readable( lookup.entry(), session ) ) {
			return null;
		}
		Object value = decodeChecked( lookup, session );
		if ( value == null ) {
			return null;
		}
		if ( near != null ) {
			near.offer( entryId, lookup.entry(), value, nearStamp );
		}
		if ( refreshDue( session, key, entryId != null ? entryId : entryId( key ), lookup.entry() ) ) {
			return null;
		}
		served( session, sync, key, value );
		return value;
	}

	/** After a value is served: read the elements of a collection ahead; note an entity for the association read-ahead. */
	private void served(SharedSessionContractImplementor session, SessionCacheSynchronization sync, Object key, Object value) {
		if ( value instanceof CollectionCacheEntry collection ) {
			elementsReadAhead.readAhead( session, collection, sync != null && sync.pending() != null ? entryRef( key ) : null );
		}
		else if ( sync != null && value instanceof org.hibernate.cache.spi.entry.CacheEntry entity ) {
			associations.ownerServed( session, sync, key, entity );
		}
	}

	/**
	 * If this entry is a to-one target the association read-ahead has pending, reads it with everything else
	 * pending in one {@code MGET}, left with the session; whether it did.
	 */
	private static boolean readIfPending(SharedSessionContractImplementor session, SessionCacheSynchronization sync, String entryRef) {
		return sync.pending() != null && sync.pending().hasToOne( entryRef )
				&& AssociationReadAhead.readPending( session, sync, List.of(), null );
	}

	/** Reads an entry: with the collections the association read-ahead learned for it, if any (one MGET either way). */
	private RegionStorage.Lookup read(SharedSessionContractImplementor session, Object key, String entryId) {
		List<AssociationReadAhead.Target> collections = session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization
				? associations.collectionsToReadWith( session, key )
				: List.of();
		return collections.isEmpty()
				? storage.lookup( entryId )
				: readWithCollections( (SessionCacheSynchronization) session.getCacheTransactionSynchronization(), key, collections );
	}

	/**
	 * The owner's entry and its learned collections' entries in one {@code MGET} (the association read-ahead's
	 * first step); the collections' lookups are left with the session for the gets that follow.
	 */
	private RegionStorage.Lookup readWithCollections(SessionCacheSynchronization sync, Object key,
			List<AssociationReadAhead.Target> collections) {
		List<AssociationReadAhead.Target> targets = new java.util.ArrayList<>( collections.size() + 1 );
		targets.add( new AssociationReadAhead.Target( this, key, null ) );
		targets.addAll( collections );
		List<RegionStorage.Read> reads = new java.util.ArrayList<>( targets.size() );
		long[] stamps = new long[targets.size()];
		for ( int i = 0; i < targets.size(); i++ ) {
			stamps[i] = targets.get( i ).access().nearStamp(); // before the read: see SessionCacheSynchronization.prefetched
			reads.add( new RegionStorage.Read( targets.get( i ).access().storage, entryId( targets.get( i ).key() ) ) );
		}
		List<RegionStorage.Lookup> lookups = RegionStorage.lookupAcross( reads );
		long now = System.nanoTime();
		for ( int i = 1; i < targets.size(); i++ ) {
			sync.prefetched( targets.get( i ).ref(), lookups.get( i ), stamps[i], now );
		}
		return lookups.get( 0 );
	}

	/** The decoded value of a current entry, or null (a miss) when it cannot be decoded or does not fit the region. */
	private Object decodeChecked(RegionStorage.Lookup lookup, SharedSessionContractImplementor session) {
		Object value = storage.decode( lookup, session.getFactory() );
		String problem = value == null ? null : region.shapeProblem( value );
		if ( problem != null ) {
			storage.rejectDecoded( lookup, problem );
			return null;
		}
		return value;
	}

	// ~~~~ hot keys: single-flight loads and early expiration

	/**
	 * A miss. With single-flight loads on, an absent entry is claimed (one script call): the claimer loads,
	 * everybody else waits for its put, up to {@code single_flight.wait}, and then loads too.
	 */
	private Object missed(SharedSessionContractImplementor session, Object key, RegionStorage.Lookup lookup) {
		HotKeys hot = storage.hotKeys();
		SessionCacheSynchronization sync = session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization s ? s : null;
		if ( hot.earlyExpiration() && sync != null ) {
			sync.missed( entryRef( key ), System.nanoTime() ); // the load that follows measures the region's load cost
		}
		boolean loading = lookup.entry() != null && lookup.entry().kind() == StoredEntry.Kind.LOADING;
		// an evicted entry is a tombstone (entry.lua, invariant 22): claim may still coordinate its loads (24)
		boolean tombstone = lookup.entry() != null && lookup.entry().kind() == StoredEntry.Kind.TOMBSTONE;
		if ( !hot.singleFlight() || lookup.state() == null || ( lookup.raw() != null && !loading && !tombstone )
				|| !storage.context().mayCacheLoads() ) {
			return null;
		}
		Object reply = 0L;
		if ( !loading ) {
			EvictionWatch evictions = storage.context().evictions();
			reply = run( key, args( "claim", lookup.state().generation(), session.getCacheTransactionSynchronization().getCachingTimestamp(),
					storage.context().owner(), hot.singleFlightWait().toMillis(), evictions.count(), evictions.since() ) );
		}
		if ( reply instanceof List<?> found && found.size() == 2 && found.get( 1 ) instanceof byte[] raw ) {
			return loadedByOther( session, new RegionStorage.Lookup( lookup.key(), raw, StoredEntry.parse( raw ), lookup.state() ) );
		}
		return Long.valueOf( 0 ).equals( reply ) ? awaitLoad( session, key, hot.singleFlightWait() ) : null;
	}

	/** Polls for the put of the session that claimed the entry; null (load it yourself) when none comes in time. */
	private Object awaitLoad(SharedSessionContractImplementor session, Object key, java.time.Duration wait) {
		storage.counters().singleFlightWait();
		long deadline = System.nanoTime() + wait.toNanos();
		long pauseMillis = 1;
		String entryId = entryId( key );
		while ( System.nanoTime() + pauseMillis * 1_000_000L < deadline ) {
			try {
				Thread.sleep( pauseMillis );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return null;
			}
			pauseMillis = Math.min( pauseMillis * 2, 8 );
			RegionStorage.Lookup lookup = storage.lookup( entryId );
			if ( lookup.isCurrent( StoredEntry.Kind.VALUE ) ) {
				return loadedByOther( session, lookup );
			}
			if ( lookup.entry() == null || lookup.entry().kind() != StoredEntry.Kind.LOADING ) {
				return null; // the loader gave up, or a writer locked the entry: load it ourselves
			}
		}
		return null;
	}

	/**
	 * The value another session loaded while this one waited. It is served even to a read-write transaction
	 * that began before it was written: it was read from the database after this session's miss, and a
	 * change committed since would have replaced it by a lock, so it is what this session's own load
	 * would have read now.
	 */
	private Object loadedByOther(SharedSessionContractImplementor session, RegionStorage.Lookup lookup) {
		if ( !lookup.isCurrent( StoredEntry.Kind.VALUE ) || !region.fingerprint().equals( lookup.entry().fingerprint() ) ) {
			return null;
		}
		return decodeChecked( lookup, session );
	}

	/**
	 * Early expiration (XFetch): whether this read should refresh the entry ahead of its expiry. With
	 * {@code Δ} the region's measured load time and {@code β} the setting, a read refreshes when
	 * {@code -Δ·β·ln(rand) ≥ time left}: rarely while expiry is far, almost surely in its last Δ or so.
	 * One reader at a time refreshes (a short marker key); the others keep being served the value.
	 */
	private boolean refreshDue(SharedSessionContractImplementor session, Object key, String entryId, StoredEntry header) {
		HotKeys hot = storage.hotKeys();
		if ( !hot.earlyExpiration() || !( session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync ) ) {
			return false;
		}
		// until this node has measured a load of the region (it may only ever have hit), assume a slow one
		double cost = storage.loadMillis() > 0 ? storage.loadMillis() : UNMEASURED_LOAD_MILLIS;
		double leftMillis = header.timestamp() / 1000.0 + storage.ttlMillis( entryId, header.timestamp() )
				- storage.context().clock().now() / 1000.0;
		double scaled = cost * hot.earlyExpirationBeta();
		if ( leftMillis > scaled * 40 ) {
			return false; // -ln(rand) > 40 has a probability of 4e-18
		}
		if ( -scaled * Math.log( 1 - java.util.concurrent.ThreadLocalRandom.current().nextDouble() ) < leftMillis ) {
			return false;
		}
		byte[] marker = storage.keys().refreshMarkerKey( entryId );
		// the marker outlasts a load (a busy machine stretches them): long enough to keep other readers from
		// refreshing too, short enough that a refresh that failed is retried before the value expires
		if ( !storage.setIfAbsent( marker, storage.context().owner().getBytes( StandardCharsets.US_ASCII ),
				Math.max( 250L, (long) ( cost * 3 ) ) ) ) {
			return false;
		}
		sync.refreshing( entryRef( key ), header.headerText() );
		sync.missed( entryRef( key ), System.nanoTime() );
		storage.counters().earlyRefresh();
		return true;
	}

	/** Whether a value may be served to this session; read-write adds "written before the session began". */
	protected boolean readable(StoredEntry entry, SharedSessionContractImplementor session) {
		return true;
	}

	@Override
	public boolean contains(Object key) {
		RegionStorage.Lookup lookup = storage.lookup( entryId( key ) );
		return lookup.isCurrent( StoredEntry.Kind.VALUE ) && region.fingerprint().equals( lookup.entry().fingerprint() );
	}

	// ~~~~ loads

	@Override
	public boolean putFromLoad(SharedSessionContractImplementor session, Object key, Object value, Object version) {
		return putFromLoad( session, key, value, version, false );
	}

	/**
	 * Minimal puts need no extra read here: the script never overwrites an entry that is at least as
	 * new as the load, so {@code minimalPutOverride} changes nothing but is honoured by construction.
	 */
	@Override
	public boolean putFromLoad(SharedSessionContractImplementor session, Object key, Object value, Object version,
			boolean minimalPutOverride) {
		long txTimestamp = session.getCacheTransactionSynchronization().getCachingTimestamp();
		String refreshing = null;
		if ( storage.hotKeys().earlyExpiration() && session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync ) {
			String ref = entryRef( key );
			Long missedAt = sync.takeMissedAt( ref );
			if ( missedAt != null ) {
				storage.recordLoad( System.nanoTime() - missedAt );
			}
			refreshing = sync.takeRefreshing( ref );
		}
		RegionCounters counters = storage.counters();
		if ( !storage.context().mayCacheLoads() ) {
			return counters.refused( RefusedPut.BYPASSED );
		}
		RegionState state = storage.stateForWrite();
		String entryId = entryId( key );
		byte[] redisKey = storage.key( entryId ); // built once for every call below
		if ( state == null ) {
			return counters.refused( RefusedPut.BYPASSED );
		}
		long now = storage.context().clock().now();
		if ( !state.admitsLoad( txTimestamp, now ) || storage.invalidationPending( redisKey ) ) {
			return counters.refused( RefusedPut.REGION_INVALIDATED );
		}
		if ( now - txTimestamp >= markerLifetimeMicros() ) {
			// a snapshot older than a lock or tombstone can live: the marker that kept it out may be gone
			return counters.refused( RefusedPut.TOO_OLD );
		}
		byte[] payload = storage.encode( value, session.getFactory() );
		if ( payload == null ) {
			return counters.refused( RefusedPut.NOT_ENCODABLE );
		}
		String versionText = versionText( version, session );
		String fingerprint = region.fingerprint();
		byte[] raw = StoredEntry.value( state.generation(), txTimestamp, versionText, fingerprint, payload );
		long ttl = storage.ttlMillis( entryId, txTimestamp );
		if ( refreshing != null && refreshes( refreshing, txTimestamp, versionText, version, session )
				&& Long.valueOf( 1 ).equals( run( entryId, redisKey, args( "putif", refreshing, ttl ).withValue( raw ) ) ) ) {
			return true; // an early refresh replaces the value it saw, if that is still there: no change came in between
		}
		// otherwise (the value expired before the refresh arrived, or changed) an ordinary put decides
		EvictionWatch evictions = storage.context().evictions();
		ScriptArgs put = args( "put", state.generation(), txTimestamp, versionText, fingerprint,
				ttl, evictions.count(), evictions.since() ).withValue( raw );
		if ( session.getCacheMode() == CacheMode.REFRESH ) {
			// JPA's CacheStoreMode.REFRESH: the row may have changed outside Hibernate (entry.lua, invariant 11)
			put = put.then( "1" );
		}
		for ( int attempt = 0; attempt < CAS_ATTEMPTS; attempt++ ) {
			Object reply = run( entryId, redisKey, put );
			if ( !( reply instanceof List<?> answer && answer.size() == 2 ) ) {
				return Long.valueOf( 1 ).equals( reply ) || counters.refused( reply == null ? RefusedPut.BYPASSED : RefusedPut.GUARDED );
			}
			if ( !( answer.get( 1 ) instanceof byte[] current ) || !Long.valueOf( -2 ).equals( answer.get( 0 ) ) ) {
				// Redis evicted keys since this node last looked: an absent key may have been a lock or tombstone
				evictions.observed( text( answer.get( 1 ) ), storage.context().clock().next() );
				return counters.refused( RefusedPut.EVICTION );
			}
			// only the entity's comparator can order the versions: decide here, then compare-and-set
			StoredEntry entry = StoredEntry.parse( current );
			if ( entry == null || !OpaqueVersions.newer( entry.version(), version, versionComparator,
					storage.context().codecs().codec( session.getFactory() ) ) ) {
				return false;
			}
			if ( Long.valueOf( 1 ).equals( run( entryId, redisKey, args( "putif", headerOf( current ), ttl ).withValue( raw ) ) ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an early refresh may replace the value it saw without the script's version test. A snapshot
	 * older than that value (REPEATABLE READ) could otherwise put an older row back, so: read-only rows
	 * never change; a versioned row must carry the same or a newer version; an unversioned one must have been
	 * loaded by a transaction that began after the value was written.
	 */
	private boolean refreshes(String seenHeader, long txTimestamp, String versionText, Object version,
			SharedSessionContractImplementor session) {
		StoredEntry seen = StoredEntry.parse( ( seenHeader + "\n" ).getBytes( StandardCharsets.US_ASCII ) );
		if ( seen == null ) {
			return false;
		}
		if ( getAccessType() == org.hibernate.cache.spi.access.AccessType.READ_ONLY ) {
			return true;
		}
		if ( seen.version().equals( StoredEntry.NO_VERSION ) || versionText.equals( StoredEntry.NO_VERSION ) ) {
			return txTimestamp > seen.timestamp();
		}
		if ( seen.version().equals( versionText ) ) {
			return true;
		}
		if ( decimal( seen.version() ) && decimal( versionText ) ) {
			return VersionText.compare( seen.version(), versionText ) < 0;
		}
		return OpaqueVersions.newer( seen.version(), version, versionComparator, storage.context().codecs().codec( session.getFactory() ) );
	}

	/**
	 * The shortest time a lock or tombstone of this region lives once released: a load whose transaction
	 * began longer ago than that may have read a row whose change's marker has expired since.
	 */
	private long markerLifetimeMicros() {
		return Math.min( storage.context().settings().tombstoneTtl().toMillis(), storage.ttlMillis() ) * 1000L;
	}

	private static boolean decimal(String version) {
		return !version.equals( StoredEntry.NO_VERSION ) && !version.startsWith( StoredEntry.OPAQUE_VERSION );
	}

	private static String headerOf(byte[] raw) {
		int end = 0;
		while ( end < raw.length && raw[end] != '\n' ) {
			end++;
		}
		return new String( raw, 0, end, StandardCharsets.US_ASCII );
	}

	private static String text(Object reply) {
		return reply instanceof byte[] bytes ? new String( bytes, StandardCharsets.US_ASCII ) : String.valueOf( reply );
	}

	/** Caches a row just inserted, unless something newer is already there. */
	protected boolean cacheInserted(SharedSessionContractImplementor session, Object key, Object value, Object version) {
		RegionState state = storage.stateForWrite();
		if ( storage.invalidationPending( storage.key( entryId( key ) ) ) ) {
			return false; // the replay of that invalidation drops any "not found" marker too
		}
		long txTimestamp = session.getCacheTransactionSynchronization().getCachingTimestamp();
		if ( state == null || !storage.context().mayCacheLoads()
				|| !state.admitsLoad( txTimestamp, storage.context().clock().now() ) ) {
			// explorer hole E: a row inserted before a bulk operation or eviction began is not cached after it
			return dropNotFound( key );
		}
		byte[] payload = storage.encode( value, session.getFactory() );
		if ( payload == null ) {
			return dropNotFound( key );
		}
		long timestamp = storage.context().clock().next();
		byte[] raw = StoredEntry.value( state.generation(), timestamp, versionText( version, session ), region.fingerprint(), payload );
		// floor and start let an insert replace a lock or tombstone that a region eviction made obsolete
		// (entry.lua, invariants 12 and 16)
		Object reply = run( key, args( "insert", state.generation(), storage.ttlMillis( entryId( key ), timestamp ) )
				.withValue( raw )
				.then( state.invalidatedAt(), txTimestamp, storage.context().evictions().count(),
						storage.context().evictions().since() ) ); // the eviction check of invariant 20
		return Long.valueOf( 1 ).equals( reply );
	}

	/**
	 * An insert that is not cached must still remove a "not found" marker of the id, or every node would
	 * answer "no such row" until the marker's TTL. {@code remove} drops values and markers but keeps locks
	 * and tombstones; if Redis does not answer, the key joins the backlog, whose replay leaves a released lock.
	 */
	private boolean dropNotFound(Object key) {
		if ( negativeCaching() ) {
			run( key, args( "remove" ) );
		}
		return false;
	}

	protected String versionText(Object version, SharedSessionContractImplementor session) {
		return version == null ? StoredEntry.NO_VERSION
				: OpaqueVersions.text( version, storage.context().codecs().codec( session.getFactory() ) );
	}

	/**
	 * A tombstone: the entry is gone, and loads that began before now may not put it back
	 * (they could have read the row before the change committed).
	 */
	protected void tombstone(Object key) {
		RegionState state = storage.stateForWrite();
		long generation = state == null ? 0 : state.generation();
		// a script, not a SET: a tombstone delayed on its way must not replace a newer one (entry.lua, invariant 9)
		run( key, args( "tomb", generation, storage.context().releaseTimestamp(),
				storage.context().settings().tombstoneTtl().toMillis() ) );
	}

	/**
	 * Called by every write a session makes (lock, insert, update, remove, bulk): the session no longer
	 * serves what it read ahead, which may predate its own change. Read-your-writes, as without a read-ahead.
	 */
	protected static void wrote(SharedSessionContractImplementor session) {
		if ( session.getCacheTransactionSynchronization() instanceof SessionCacheSynchronization sync ) {
			sync.wrote();
		}
	}

	// ~~~~ entity and natural-id writes: defaults for strategies that cache nothing before commit

	@Override
	public boolean insert(SharedSessionContractImplementor session, Object key, Object value, Object version) {
		wrote( session );
		return false;
	}

	@Override
	public boolean insert(SharedSessionContractImplementor session, Object key, Object value) {
		return insert( session, key, value, null );
	}

	@Override
	public boolean afterInsert(SharedSessionContractImplementor session, Object key, Object value, Object version) {
		return cacheInserted( session, key, value, version );
	}

	@Override
	public boolean afterInsert(SharedSessionContractImplementor session, Object key, Object value) {
		return afterInsert( session, key, value, null );
	}

	@Override
	public boolean update(SharedSessionContractImplementor session, Object key, Object value) {
		return update( session, key, value, null, null );
	}

	@Override
	public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value, SoftLock lock) {
		return afterUpdate( session, key, value, null, null, lock );
	}

	// ~~~~ administrative eviction and bulk operations

	/**
	 * Drops one entry ({@code Cache.evictEntityData(Class, id)} and the like), but never a lock or a
	 * tombstone: those keep out loads that may have read a row before a change committed.
	 */
	@Override
	public void evict(Object key) {
		run( key, args( "remove" ) );
	}

	@Override
	public void evictAll() {
		storage.evictAll();
	}

	@Override
	public void removeAll(SharedSessionContractImplementor session) {
		wrote( session );
		storage.evictAll();
	}

	/**
	 * Before a bulk HQL or native update: a new generation hides every entry, and while the lock lasts
	 * no load is cached. Round trips: one.
	 */
	@Override
	public SoftLock lockRegion() {
		storage.lockRegion();
		return new RedisSoftLock( storage.context().owner(), "region" );
	}

	/** After the bulk update completed: another new generation, and only loads that begin now are cached. */
	@Override
	public void unlockRegion(SoftLock lock) {
		storage.unlockRegion();
	}

	// ~~~~ script calls

	/** One {@code entry.lua} call on the key's entry: one round trip. */
	protected Object run(Object key, ScriptArgs args) {
		String entryId = entryId( key );
		return run( entryId, storage.key( entryId ), args );
	}

	private Object run(String entryId, byte[] redisKey, ScriptArgs args) {
		NearCache near = storage.hotKeys().near();
		if ( near != null && !args.op().equals( "claim" ) ) {
			near.invalidate( entryId ); // now, not only when Redis's message for this change comes back
		}
		return storage.entryScript( redisKey, args.toList() );
	}

	protected static ScriptArgs args(String op, Object... values) {
		return new ScriptArgs( op, values );
	}

	/**
	 * The ARGV of an {@code entry.lua} call: the operation, its fields as text, then an optional value, then
	 * optional trailing fields (newer arguments, which a script of the previous layout ignores).
	 */
	protected record ScriptArgs(String op, Object[] values, byte[] value, Object[] trailing) {

		ScriptArgs(String op, Object[] values) {
			this( op, values, null, new Object[0] );
		}

		ScriptArgs withValue(byte[] raw) {
			return new ScriptArgs( op, values, raw, trailing );
		}

		/** Fields that follow the value: {@code put}'s force flag, {@code insert}'s floor and start. */
		ScriptArgs then(Object... more) {
			return new ScriptArgs( op, values, value, more );
		}

		List<byte[]> toList() {
			byte[][] all = new byte[values.length + 1 + ( value == null ? 0 : 1 ) + trailing.length][];
			int i = 0;
			all[i++] = op.getBytes( StandardCharsets.US_ASCII );
			for ( Object field : values ) {
				all[i++] = String.valueOf( field ).getBytes( StandardCharsets.UTF_8 );
			}
			if ( value != null ) {
				all[i++] = value;
			}
			for ( Object field : trailing ) {
				all[i++] = String.valueOf( field ).getBytes( StandardCharsets.UTF_8 );
			}
			return List.of( all );
		}
	}
}
