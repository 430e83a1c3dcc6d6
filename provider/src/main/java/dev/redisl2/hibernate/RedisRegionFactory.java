package dev.redisl2.hibernate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
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
import dev.redisl2.hibernate.region.TimestampsStorage;
import dev.redisl2.hibernate.topology.FailoverFence;

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
 * This class owns the lifecycle (one Redis client, one shared clock per SessionFactory), reads the
 * settings, and names regions; storage and concurrency live in the {@code region} and {@code access}
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
	private CacheContext context;
	private ScheduledExecutorService background;

	public RedisRegionFactory(Properties properties) {
		this.settings = SettingsReader.read( properties );
		this.clock = SharedClock.startingFrom( settings.wallClock() );
	}

	// ~~~~ Lifecycle

	@Override
	protected void prepareForUse(SessionFactoryOptions options, Map<String, Object> configValues) {
		settings = SettingsReader.read( configValues );
		if ( options.isDirectReferenceCacheEntriesEnabled() ) {
			throw new CacheException( "hibernate.cache.use_reference_entries=true cannot be used with redisl2: "
					+ "a shared cache stores copies, never references to entity instances; remove the setting" );
		}
		connection = RedisConnection.open( settings );
		RedisStore store = new RedisStore( connection.client() );
		context = new CacheContext( settings, store, clock );
		background = Executors.newSingleThreadScheduledExecutor( runnable -> {
			Thread thread = new Thread( runnable, "redisl2-clock" );
			thread.setDaemon( true );
			return thread;
		} );
		if ( syncClock() ) {
			LOG.infof( "redisl2: second-level cache in Redis at %s, key prefix '%s', clock offset to Redis %d µs (±%d µs)",
					connection.description(), settings.keyPrefix(), clock.wallClockOffsetMicros(), clock.uncertaintyMicros() );
		}
		else {
			LOG.warnf( "redisl2: Redis at %s does not answer; the second-level cache is bypassed until it does",
					connection.description() );
		}
		scheduleClockSync();
		FailoverFence.of( context ).ifPresent( fence -> fence.schedule( background ) );
	}

	/** Every clock_sync_interval once measured; every second until then, since loads are not cached before. */
	private void scheduleClockSync() {
		long delay = clock.synced() ? settings.clockSyncInterval().toMillis() : 1000L;
		if ( background.isShutdown() ) {
			return;
		}
		background.schedule( () -> {
			boolean wasSynced = clock.synced();
			if ( syncClock() && !wasSynced ) {
				LOG.infof( "redisl2: clock measured against Redis at %s (±%d µs); caching loads from now on",
						connection.description(), clock.uncertaintyMicros() );
			}
			scheduleClockSync();
		}, delay, TimeUnit.MILLISECONDS );
	}

	private boolean syncClock() {
		// every node asks the same server (on a cluster, the master of this key's slot): masters' clocks differ
		byte[] routing = ( settings.keyPrefix() + ":~clock" ).getBytes( java.nio.charset.StandardCharsets.UTF_8 );
		return clock.sync( () -> serverTime( context.store(), routing ), 3 );
	}

	private static List<String> serverTime(RedisStore store, byte[] routingKey) {
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
		if ( background != null ) {
			background.shutdownNow();
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
		return new RedisDomainDataRegion( regionConfig, this, storage( regionConfig.getRegionName() ),
				getImplicitCacheKeysFactory(), buildingContext, RedisRegionFactory::createAccess );
	}

	private static Object createAccess(AccessType type, RedisDomainDataRegion region, CacheKeysFactory keys, String role,
			java.util.Comparator<Object> versionComparator) {
		return switch ( type ) {
			case READ_ONLY -> new ReadOnlyAccess( region, keys, versionComparator );
			case NONSTRICT_READ_WRITE -> new NonStrictReadWriteAccess( region, keys, versionComparator );
			case READ_WRITE -> new ReadWriteAccess( region, keys, versionComparator );
			case TRANSACTIONAL -> throw new CacheException( "'" + role + "' is cached with TRANSACTIONAL access, which redisl2 "
					+ "refuses: it would write uncommitted state into a cache shared by every node (Redis takes no part "
					+ "in your JTA transaction). Use @Cache(usage = CacheConcurrencyStrategy.READ_WRITE) instead." );
		};
	}

	@Override
	protected StorageAccess createQueryResultsRegionStorageAccess(String regionName, SessionFactoryImplementor sessionFactory) {
		return new QueryResultsStorage( storage( regionName ) );
	}

	@Override
	protected StorageAccess createTimestampsRegionStorageAccess(String regionName, SessionFactoryImplementor sessionFactory) {
		return new TimestampsStorage( storage( regionName ) );
	}

	private RegionStorage storage(String regionName) {
		String qualified = qualify( regionName );
		Duration ttl = settings.regionTtls().containsKey( regionName ) ? settings.ttlFor( regionName ) : settings.ttlFor( qualified );
		Duration negativeTtl = settings.regionNegativeTtls().containsKey( regionName )
				? settings.negativeTtlFor( regionName ) : settings.negativeTtlFor( qualified );
		return new RegionStorage( qualified, context.keyLayout( qualified ), context, ttl, negativeTtl );
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
}
