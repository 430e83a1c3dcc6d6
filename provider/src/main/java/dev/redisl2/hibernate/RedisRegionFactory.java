package dev.redisl2.hibernate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;

import dev.redisl2.hibernate.metrics.CacheMonitor;
import dev.redisl2.hibernate.compat.SupportedVersions;
import dev.redisl2.hibernate.config.HotKeySettings;
import dev.redisl2.hibernate.near.InvalidationChannel;
import dev.redisl2.hibernate.near.NearCache;
import dev.redisl2.hibernate.near.TopologyPrimaries;
import dev.redisl2.hibernate.redis.KeyLayout;
import dev.redisl2.hibernate.region.HotKeys;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.redisl2.hibernate.access.SessionCacheSynchronization;
import dev.redisl2.hibernate.access.NonStrictReadWriteAccess;
import dev.redisl2.hibernate.access.ReadOnlyAccess;
import dev.redisl2.hibernate.access.ReadWriteAccess;
import dev.redisl2.hibernate.clock.SharedClock;
import dev.redisl2.hibernate.config.ProviderSettings;
import dev.redisl2.hibernate.config.SettingsReader;
import dev.redisl2.hibernate.redis.RedisCacheKeysFactory;
import dev.redisl2.hibernate.redis.RedisConnection;
import dev.redisl2.hibernate.redis.RedisStore;
import dev.redisl2.hibernate.region.CacheContext;
import dev.redisl2.hibernate.region.QueryResultsStorage;
import dev.redisl2.hibernate.region.RedisDomainDataRegion;
import dev.redisl2.hibernate.region.RegionStorage;
import dev.redisl2.hibernate.region.StatePriming;
import dev.redisl2.hibernate.region.TimestampsStorage;
import dev.redisl2.hibernate.topology.FailoverFence;
import dev.redisl2.hibernate.resilience.CircuitBreaker;
import dev.redisl2.hibernate.resilience.EvictionWatch;
import dev.redisl2.hibernate.resilience.InvalidationBacklog;
import dev.redisl2.hibernate.resilience.MemoryPolicyCheck;
import dev.redisl2.hibernate.resilience.Recovery;

import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.CacheException;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.CacheTransactionSynchronization;
import org.hibernate.cache.spi.DomainDataRegion;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.support.RegionFactoryTemplate;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jboss.logging.Logger;

/**
 * Hibernate's second-level cache in Redis. Switch it on with
 * <pre>
 *   hibernate.cache.region.factory_class = redisl2
 *   hibernate.cache.redis.url            = redis://host:6379
 * </pre>
 * This class owns the lifecycle (one Redis client, one shared clock, one circuit breaker with its recovery
 * probe per SessionFactory; see docs/operations.md), reads the settings, and names regions; storage and concurrency live in the {@code region} and {@code access}
 * packages. Settings are validated in the constructor, which Hibernate calls while it reads the mapping,
 * so a bad value fails the bootstrap at once with the setting's name.
 */
public class RedisRegionFactory extends RegionFactoryTemplate {

	private static final Logger LOG = Logger.getLogger( RedisRegionFactory.class );

	private static final byte[] TIME_SCRIPT = "return redis.call('TIME')".getBytes( java.nio.charset.StandardCharsets.US_ASCII );

	/** The short name for {@code hibernate.cache.region.factory_class}. */
	public static final String SHORT_NAME = "redisl2";

	private volatile ProviderSettings settings;
	private final SharedClock clock;
	private RedisConnection connection;
	private volatile CacheMonitor monitor;
	private CacheContext context;
	private ScheduledExecutorService background;
	private Recovery recovery;
	private boolean memoryPolicyChecked;
	private volatile boolean clockWarned;
	private InvalidationChannel nearChannel;
	private ScheduledExecutorService nearHeartbeat;

	/**
	 * Called by Hibernate, by reflection, while it reads the mapping.
	 *
	 * @param properties Hibernate's settings; every {@code hibernate.cache.redis.*} one is validated here
	 * @throws dev.redisl2.hibernate.config.InvalidSettingException naming the first setting that is
	 * unknown or has a value that cannot work
	 */
	public RedisRegionFactory(Properties properties) {
		SupportedVersions.check(); // first: an unsupported Hibernate or Jedis must fail here, not in a transaction
		this.settings = SettingsReader.read( properties );
		this.clock = SharedClock.startingFrom( settings.wallClock() );
	}

	// ~~~~ Lifecycle

	/**
	 * Never fails because Redis is down: the client connects lazily, and when the first calls get no answer
	 * the breaker starts open, with one WARN, and the recovery probe connects as soon as Redis answers.
	 */
	@Override
	protected void prepareForUse(SessionFactoryOptions options, Map<String, Object> configValues) {
		settings = SettingsReader.read( configValues );
		if ( options.isDirectReferenceCacheEntriesEnabled() ) {
			throw new CacheException( "hibernate.cache.use_reference_entries=true cannot be used with redisl2: "
					+ "a shared cache stores copies, never references to entity instances; remove the setting" );
		}
		connection = RedisConnection.open( settings );
		CircuitBreaker breaker = new CircuitBreaker( settings.breaker().failureThreshold(), connection.description(), System::nanoTime );
		RedisStore store = new RedisStore( connection.client(), breaker );
		InvalidationBacklog backlog = new InvalidationBacklog( settings.breaker().backlogSize() );
		context = new CacheContext( settings, store, clock, backlog, new EvictionWatch() );
		// one per factory, held here: Micrometer keeps only weak references to what its meters read
		monitor = new CacheMonitor( context, connection.description() );
		recovery = new Recovery( breaker, backlog, this::ping, this::reconnected,
				settings.breaker().probeInterval().toNanos(), System::nanoTime );
		background = Executors.newSingleThreadScheduledExecutor( runnable -> {
			Thread thread = new Thread( runnable, "redisl2-background" );
			thread.setDaemon( true );
			return thread;
		} );
		String problem = store.probe();
		if ( problem == null ) {
			reconnected();
			LOG.infof( "redisl2: second-level cache in Redis at %s, key prefix '%s', clock offset to Redis %d µs (±%d µs)",
					connection.description(), settings.keyPrefix(), clock.wallClockOffsetMicros(), clock.uncertaintyMicros() );
		}
		else {
			breaker.openAtStartup( "no answer at startup: " + problem
					+ "; probing every " + settings.breaker().probeInterval().toMillis() + " ms" );
		}
		scheduleClockSync();
		long probe = settings.breaker().probeInterval().toMillis();
		background.scheduleWithFixedDelay( recovery, probe, probe, TimeUnit.MILLISECONDS );
		FailoverFence.of( context ).ifPresent( fence -> fence.schedule( background ) );
		if ( settings.hotKeys().anyNearCache() ) {
			openNearChannel( store );
		}
	}

	/**
	 * The near cache's invalidation channel and its heartbeat, on a thread of its own: a heartbeat that
	 * waits behind a slow recovery probe would empty every near cache for nothing.
	 */
	private void openNearChannel(RedisStore store) {
		Duration beat = settings.hotKeys().heartbeat();
		byte[] one = { '1' };
		long keyTtl = Math.max( 2_000, beat.toMillis() * 8 );
		Duration readTimeout = Duration.ofMillis( keyTtl );
		java.util.function.Supplier<byte[]> clusterNodes = settings.topology().kind() != dev.redisl2.hibernate.config.Topology.Kind.CLUSTER ? null
				: () -> store.call( "CLUSTER NODES", c -> c.sendCommand( redis.clients.jedis.Protocol.Command.CLUSTER, "NODES" ) ) instanceof byte[] text ? text : null;
		nearChannel = new InvalidationChannel(
				new TopologyPrimaries( connection, clusterNodes, readTimeout ),
				settings.keyPrefix() + ":~near:" + context.owner() + ":",
				key -> store.set( key, one, keyTtl ),
				beat );
		context.attachNearChannel( nearChannel );
		nearHeartbeat = Executors.newSingleThreadScheduledExecutor( runnable -> {
			Thread thread = new Thread( runnable, "redisl2-near-cache-heartbeat" );
			thread.setDaemon( true );
			return thread;
		} );
		nearHeartbeat.scheduleAtFixedRate( nearChannel::beat, 0, beat.toMillis(), TimeUnit.MILLISECONDS );
	}

	/** Every clock_sync_interval once measured; every second until then, since loads are not cached before. */
	private void scheduleClockSync() {
		long delay = clock.synced() ? settings.clockSyncInterval().toMillis() : 1000L;
		if ( background.isShutdown() ) {
			return;
		}
		try {
			background.schedule( () -> {
				boolean wasSynced = clock.synced();
				if ( syncClock( false ) && !wasSynced ) {
					LOG.infof( "redisl2: clock measured against Redis at %s (±%d µs); caching loads from now on",
							connection.description(), clock.uncertaintyMicros() );
				}
				scheduleClockSync();
			}, delay, TimeUnit.MILLISECONDS );
		}
		catch (java.util.concurrent.RejectedExecutionException e) {
			// shutting down
		}
	}

	/**
	 * @param direct past the breaker (startup and recovery); otherwise a periodic resync that the breaker
	 * skips while Redis is away
	 */
	private boolean syncClock(boolean direct) {
		RedisStore store = context.store();
		// every node asks the same server (on a cluster, the master of this key's slot): masters' clocks differ
		byte[] routing = ( settings.keyPrefix() + ":~clock" ).getBytes( java.nio.charset.StandardCharsets.UTF_8 );
		return clock.sync( () -> serverTime( direct ? store::direct : store::call, routing ), 3 );
	}

	/**
	 * The probe's PING, on a fresh connection: idle pooled connections that outlived a Redis restart are dead,
	 * and each would fail one PING (and, after recovery, one request) before the pool noticed.
	 */
	private boolean ping() {
		connection.discardIdleConnections();
		return context.store().probe() == null;
	}

	/** Runs once Redis answers (at startup, or on the recovery thread before the backlog is replayed). */
	private void reconnected() {
		if ( !syncClock( true ) && !clockWarned ) {
			clockWarned = true;
			LOG.warnf( "redisl2: Redis at %s answers but its TIME cannot be read (the user needs EVAL and TIME); cache "
					+ "timestamps then come from this node's clock, and skew between nodes' clocks weakens read-write "
					+ "isolation by up to the skew", connection.description() );
		}
		learnServerState();
	}

	/** Redis's eviction count (see EvictionWatch), and once, whether its eviction policy is a risk. */
	private void learnServerState() {
		String stats = context.store().direct( "INFO stats", c -> c.info( "stats" ) );
		String evicted = stats == null ? null : MemoryPolicyCheck.field( stats, "evicted_keys" );
		if ( evicted != null ) {
			context.evictions().observed( evicted, clock.next() );
		}
		if ( !memoryPolicyChecked ) {
			memoryPolicyChecked = true;
			MemoryPolicyCheck.warnIfRisky( context.store(), connection.description(), stats != null );
		}
	}

	private interface Caller {
		<T> T call(String what, java.util.function.Function<redis.clients.jedis.UnifiedJedis, T> command);
	}

	private static List<String> serverTime(Caller store, byte[] routingKey) {
		Object reply = store.call( "TIME", c -> c.eval( TIME_SCRIPT, List.of( routingKey ), List.of() ) );
		if ( reply instanceof List<?> parts && parts.size() == 2 ) {
			return List.of( text( parts.get( 0 ) ), text( parts.get( 1 ) ) );
		}
		return null;
	}

	private static String text(Object part) {
		return part instanceof byte[] bytes ? new String( bytes, java.nio.charset.StandardCharsets.US_ASCII ) : String.valueOf( part );
	}

	@Override
	protected void releaseFromUse() {
		if ( nearHeartbeat != null ) {
			nearHeartbeat.shutdownNow();
			nearChannel.close();
			nearHeartbeat = null;
			nearChannel = null;
		}
		if ( background != null ) {
			background.shutdownNow();
			try {
				background.awaitTermination( settings.socketTimeout().toMillis() * 2, TimeUnit.MILLISECONDS );
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		if ( context != null && !context.backlog().isEmpty() ) {
			recovery.probe(); // a last replay, if Redis answers
		}
		if ( context != null && !context.backlog().isEmpty() ) {
			LOG.warnf( "redisl2: shutting down with %d invalidation(s) Redis never received; other nodes may serve "
					+ "the affected entries until they expire (%s)", context.backlog().size(), RedisCacheSettings.TTL );
		}
		if ( connection != null ) {
			connection.close();
		}
		context = null;
		connection = null;
	}

	// ~~~~ Defaults Hibernate asks for before start()

	@Override
	public AccessType getDefaultAccessType() {
		return AccessType.READ_WRITE;
	}

	/** Off: our put scripts never overwrite an entry that is as new as the load, so minimal puts add nothing. */
	@Override
	public boolean isMinimalPutsEnabledByDefault() {
		return false;
	}

	// ~~~~ Time: microseconds of Redis time (see SharedClock)

	@Override
	public long nextTimestamp() {
		return clock.next();
	}

	@Override
	public long getTimeout() {
		return settings.lockTimeout().toNanos() / 1000L;
	}

	@Override
	public CacheTransactionSynchronization createTransactionContext(SharedSessionContractImplementor session) {
		return new SessionCacheSynchronization( this );
	}

	// ~~~~ Regions

	@Override
	protected CacheKeysFactory getImplicitCacheKeysFactory() {
		return RedisCacheKeysFactory.INSTANCE;
	}

	@Override
	public DomainDataRegion buildDomainDataRegion(DomainDataRegionConfig regionConfig,
			DomainDataRegionBuildingContext buildingContext) {
		verifyStarted();
		return new RedisDomainDataRegion( regionConfig, this, storage( regionConfig.getRegionName(), true ),
				getImplicitCacheKeysFactory(), buildingContext, RedisRegionFactory::createAccess, settings.storage().entryFormat() );
	}

	private static Object createAccess(AccessType type, RedisDomainDataRegion region, CacheKeysFactory keys, String role,
			java.util.Comparator<Object> versionComparator) {
		return switch ( type ) {
			case READ_ONLY -> new ReadOnlyAccess( region, keys, role, versionComparator );
			case NONSTRICT_READ_WRITE -> new NonStrictReadWriteAccess( region, keys, role, versionComparator );
			case READ_WRITE -> new ReadWriteAccess( region, keys, role, versionComparator );
			case TRANSACTIONAL -> throw new CacheException( "'" + role + "' is cached with TRANSACTIONAL access, which redisl2 "
					+ "refuses: it would write uncommitted state into a cache shared by every node (Redis takes no part "
					+ "in your JTA transaction). Use @Cache(usage = CacheConcurrencyStrategy.READ_WRITE) instead." );
		};
	}

	@Override
	protected StorageAccess createQueryResultsRegionStorageAccess(String regionName, SessionFactoryImplementor sessionFactory) {
		return new QueryResultsStorage( storage( regionName, false ), settings.storage().entryFormat() );
	}

	@Override
	protected StorageAccess createTimestampsRegionStorageAccess(String regionName, SessionFactoryImplementor sessionFactory) {
		return new TimestampsStorage( storage( regionName, false ) );
	}

	/** @param domainData entity, collection or natural-id data (the only regions with hot-key options) */
	private RegionStorage storage(String regionName, boolean domainData) {
		String qualified = qualify( regionName );
		Duration ttl = settings.regionTtls().containsKey( regionName ) ? settings.ttlFor( regionName ) : settings.ttlFor( qualified );
		Duration negativeTtl = settings.regionNegativeTtls().containsKey( regionName )
				? settings.negativeTtlFor( regionName ) : settings.negativeTtlFor( qualified );
		KeyLayout layout = context.keyLayout( qualified );
		HotKeys hotKeys = domainData ? hotKeys( regionName, qualified, layout ) : HotKeys.NONE;
		return new RegionStorage( qualified, layout, context, ttl, negativeTtl, hotKeys );
	}

	private HotKeys hotKeys(String regionName, String qualified, KeyLayout layout) {
		HotKeySettings hot = settings.hotKeys();
		String name = hot.regionNearMaxEntries().containsKey( regionName ) ? regionName : qualified;
		int nearEntries = hot.nearMaxEntriesFor( name );
		NearCache near = nearEntries > 0 && nearChannel != null
				? nearChannel.register( layout.regionPrefix(), layout.isClustered(), nearEntries, hot.nearTtl() ) : null;
		Duration wait = hot.singleFlightWaitFor( hot.regionSingleFlightWaits().containsKey( regionName ) ? regionName : qualified );
		double beta = hot.earlyExpirationBetaFor( hot.regionEarlyExpirationBetas().containsKey( regionName ) ? regionName : qualified );
		return new HotKeys( near, wait, beta );
	}

	/** The near cache's channel, for diagnostics and tests; null when no region has a near cache. */
	public InvalidationChannel nearChannel() {
		return nearChannel;
	}

	/**
	 * Reads or creates the state of every region built so far, pipelined (see {@link StatePriming}); does
	 * nothing when Redis is not answering. Returns how many regions know their state.
	 */
	int primeRegionStates() {
		return context == null ? 0 : StatePriming.prime( context );
	}

	/** Whether any region keeps "not found" markers, so the load listener is worth installing. */
	boolean negativeCachingConfigured() {
		return !settings.defaultNegativeTtl().isZero()
				|| settings.regionNegativeTtls().values().stream().anyMatch( ttl -> !ttl.isZero() );
	}

	/** The store of this factory, for diagnostics and tests that count round trips. */
	public RedisStore store() {
		return context == null ? null : context.store();
	}

	/** The factory's circuit breaker, for diagnostics and tests; null before start. */
	public CircuitBreaker breaker() {
		return context == null ? null : context.store().breaker();
	}

	/** The view monitoring reads (meters, health); null before start. */
	public CacheMonitor monitor() {
		return monitor;
	}

	/** Invalidations waiting for Redis, for diagnostics and tests; null before start. */
	public InvalidationBacklog backlog() {
		return context == null ? null : context.backlog();
	}
}
