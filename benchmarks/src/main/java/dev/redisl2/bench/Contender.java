package dev.redisl2.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.redisl2.bench.model.Account;
import dev.redisl2.bench.model.Item;
import dev.redisl2.bench.model.Product;
import dev.redisl2.bench.model.Review;
import dev.redisl2.bench.model.Supplier;
import dev.redisl2.hibernate.RedisRegionFactory;
import dev.redisl2.support.RedisServerProcess;

import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.RootClass;
import org.hibernate.resource.jdbc.spi.StatementInspector;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * One configuration of a phase: its own redis-server (never 6379) where it uses Redis, its own
 * SessionFactory on the phase's database, and counters of SQL statements and Redis traffic.
 */
final class Contender implements AutoCloseable {

	private static final String REDISSON_FACTORY = "org.redisson.hibernate.RedissonRegionFactory";

	/** The near cache of {@link ContenderKind#REDISL2_NEAR}: room for every product of a default run, for a minute. */
	static final Map<String, String> NEAR_CACHE_SETTINGS = Map.of(
			"hibernate.cache.redis.near_cache.max_entries", "10000",
			"hibernate.cache.redis.near_cache.ttl", "60s" );

	/** A configuration that cannot run on this build of the provider (as opposed to one that failed). */
	static final class NotAvailableException extends RuntimeException {
		NotAvailableException(String message, Throwable cause) {
			super( message, cause );
		}
	}

	final ContenderKind kind;
	final LongAdder statements = new LongAdder();
	private RedisServerProcess redis;
	private RedisProbe probe;
	private SessionFactory sessionFactory;
	private HibernateOps ops;
	private Path redissonConfig;
	// raw Jedis floor
	private UnifiedJedis floorClient;
	private byte[][] floorKeys;
	private Keys floorUniform;
	private Keys floorZipf;

	private Contender(ContenderKind kind) {
		this.kind = kind;
	}

	/** Starts Redis (if used) and the SessionFactory over an existing schema. */
	static Contender start(ContenderKind kind, Database db, Database.Dataset data, Keys zipf, Keys hot, int slice, int slices) {
		Contender c = new Contender( kind );
		try {
			if ( kind.usesRedis ) {
				c.redis = RedisServerProcess.builder().name( "bench-" + kind.id ).start();
				c.probe = new RedisProbe( c.redis.host(), c.redis.port() );
			}
			if ( kind.hasSessionFactory() ) {
				try {
					c.sessionFactory = c.buildSessionFactory( db );
				}
				catch (RuntimeException e) {
					if ( kind == ContenderKind.REDISL2_NEAR ) {
						throw new NotAvailableException( "the provider rejects the near-cache settings: " + rootMessage( e ), e );
					}
					if ( !kind.providerSettings.isEmpty() && mentionsAny( e, kind.providerSettings.keySet() ) ) {
						throw new NotAvailableException( "the provider rejects " + kind.providerSettings + ": " + rootMessage( e ), e );
					}
					throw e;
				}
				c.ops = new HibernateOps( c.sessionFactory, data, zipf, hot, slice, slices );
			}
			if ( kind == ContenderKind.REDISL2_NEAR ) {
				c.checkNearCacheServes();
			}
			return c;
		}
		catch (RuntimeException e) {
			c.close();
			throw e;
		}
	}

	/** Creates the tables (no cache) and closes again. */
	static void createSchema(Database db) {
		Map<String, Object> settings = new HashMap<>( db.hibernateSettings() );
		settings.put( "hibernate.hbm2ddl.auto", "create" );
		settings.put( "hibernate.cache.use_second_level_cache", "false" );
		build( settings, null ).close();
	}

	private SessionFactory buildSessionFactory(Database db) {
		Map<String, Object> settings = new HashMap<>( db.hibernateSettings() );
		settings.put( "hibernate.hbm2ddl.auto", "none" );
		settings.put( "hibernate.session_factory.statement_inspector", (StatementInspector) sql -> {
			statements.increment();
			return sql;
		} );
		switch ( kind ) {
			case NONE -> {
				settings.put( "hibernate.cache.use_second_level_cache", "false" );
				settings.put( "hibernate.cache.use_query_cache", "false" );
			}
			case REDISL2_RO, REDISL2_NONSTRICT, REDISL2_RW, REDISL2_NEAR, REDISL2_F1, REDISL2_COMPACT, REDISL2_NO_READ_AHEAD -> {
				caching( settings, RedisRegionFactory.class.getName() );
				settings.put( "hibernate.cache.redis.url", redis.url() );
				settings.putAll( kind.providerSettings );
				if ( kind == ContenderKind.REDISL2_NEAR ) {
					settings.putAll( NEAR_CACHE_SETTINGS );
				}
			}
			case REDISSON -> {
				caching( settings, REDISSON_FACTORY );
				settings.put( "hibernate.cache.redisson.config", redissonConfig().toString() );
			}
			case MAP -> caching( settings, MapRegionFactory.class.getName() );
			case JEDIS -> throw new IllegalStateException( "no SessionFactory for " + kind );
		}
		return build( settings, kind.accessType );
	}

	private static void caching(Map<String, Object> settings, String factory) {
		settings.put( "hibernate.cache.use_second_level_cache", "true" );
		settings.put( "hibernate.cache.use_query_cache", "true" );
		settings.put( "hibernate.cache.region.factory_class", factory );
	}

	/**
	 * Builds a SessionFactory with every cached entity and collection switched to {@code accessType}: the
	 * boot model is changed between metadata and SessionFactory, so one set of annotated classes serves
	 * every access type.
	 */
	private static SessionFactory build(Map<String, Object> settings, String accessType) {
		StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings( settings ).build();
		try {
			Metadata metadata = new MetadataSources( registry )
					.addAnnotatedClasses( Product.class, Supplier.class, Review.class, Account.class, Item.class )
					.buildMetadata();
			if ( accessType != null ) {
				for ( PersistentClass entity : metadata.getEntityBindings() ) {
					if ( entity instanceof RootClass root ) {
						root.setCacheConcurrencyStrategy( accessType );
					}
				}
				for ( Collection collection : metadata.getCollectionBindings() ) {
					collection.setCacheConcurrencyStrategy( accessType );
				}
			}
			return metadata.buildSessionFactory();
		}
		catch (RuntimeException e) {
			StandardServiceRegistryBuilder.destroy( registry );
			throw e;
		}
	}

	private Path redissonConfig() {
		try {
			redissonConfig = Files.createTempFile( "redisson-bench-", ".yaml" );
			// Redisson's defaults otherwise (codec, pool sizes, threads): the provider as users run it
			Files.writeString( redissonConfig, "singleServerConfig:\n  address: \"" + redis.url() + "\"\n", StandardCharsets.UTF_8 );
			return redissonConfig;
		}
		catch (IOException e) {
			throw new UncheckedIOException( e );
		}
	}

	/**
	 * A provider that does not know the near-cache settings may also just ignore them: then this configuration
	 * would silently measure redisl2 without a near cache. So it must show that it works: once a product is
	 * cached, some later find of it must not go to Redis at all (redisl2's own count of round trips). Reads
	 * 50 ms apart for 3 s, in case the near cache is switched on asynchronously (e.g. once its invalidation
	 * channel has proven itself).
	 */
	private static final int NEAR_CACHE_CHECK_READS = 60;

	private void checkNearCacheServes() {
		long id = 1;
		long lastTrips = -1;
		for ( int attempt = 0; attempt < NEAR_CACHE_CHECK_READS; attempt++ ) {
			long before = clientRoundTrips();
			ops.find( id );
			lastTrips = clientRoundTrips() - before;
			if ( attempt >= 2 && lastTrips == 0 ) {
				return;
			}
			if ( attempt >= 2 ) {
				sleepMillis( 50 );
			}
		}
		throw new NotAvailableException( "the provider accepts the near-cache settings, but no read is served from the heap: "
				+ "a product read " + NEAR_CACHE_CHECK_READS + " times in 3 s still took " + lastTrips + " Redis round trip(s) on its last find "
				+ "(the settings are ignored, or the near cache asks Redis on every read)", null );
	}

	private static void sleepMillis(long millis) {
		try {
			Thread.sleep( millis );
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException( e );
		}
	}

	/** Whether the message of {@code e} or of one of its causes names one of {@code settings}. */
	private static boolean mentionsAny(Throwable e, java.util.Set<String> settings) {
		for ( Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause() ) {
			String message = String.valueOf( t.getMessage() );
			for ( String setting : settings ) {
				if ( message.contains( setting ) || message.contains( setting.substring( setting.lastIndexOf( '.' ) + 1 ) ) ) {
					return true;
				}
			}
		}
		return false;
	}

	/** The innermost message of a startup failure (Hibernate wraps the provider's). */
	static String rootMessage(Throwable e) {
		Throwable t = e;
		while ( t.getCause() != null && t.getCause() != t ) {
			t = t.getCause();
		}
		return t.getClass().getSimpleName() + ": " + t.getMessage();
	}

	// ~~~~ the raw Jedis floor

	/** Stores {@code rows} keys holding {@code value} and opens a pooled client like redisl2's. */
	void prepareFloor(int rows, byte[] value, Keys zipf) {
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal( 16 );
		pool.setMaxIdle( 16 );
		floorClient = RedisClient.builder()
				.hostAndPort( new HostAndPort( redis.host(), redis.port() ) )
				.clientConfig( DefaultJedisClientConfig.builder().clientName( "floor" ).build() )
				.poolConfig( pool )
				.build();
		floorKeys = new byte[rows + 1][];
		byte[][] batch = new byte[2 * 500][];
		int n = 0;
		for ( int i = 1; i <= rows; i++ ) {
			floorKeys[i] = ( "floor:{Product#" + i + "}" ).getBytes( StandardCharsets.UTF_8 );
			batch[n++] = floorKeys[i];
			batch[n++] = value;
			if ( n == batch.length || i == rows ) {
				floorClient.mset( java.util.Arrays.copyOf( batch, n ) );
				n = 0;
			}
		}
		floorUniform = Keys.uniform( rows );
		floorZipf = zipf;
	}

	// ~~~~ running

	/** The operation of a workload for this configuration. */
	Measure.Op op(Workload workload) {
		if ( kind == ContenderKind.JEDIS ) {
			Keys keys = workload == Workload.FIND_ZIPF ? floorZipf : floorUniform;
			return random -> {
				byte[] value = floorClient.get( floorKeys[(int) keys.next( random )] );
				return value.length;
			};
		}
		return random -> ops.run( workload, random );
	}

	HibernateOps ops() {
		return ops;
	}

	SessionFactory sessionFactory() {
		return sessionFactory;
	}

	RedisProbe probe() {
		return probe;
	}

	/** redisl2's own count of round trips (client side), or -1 for other configurations. */
	long clientRoundTrips() {
		if ( !kind.isRedisl2() ) {
			return -1;
		}
		return ( (RedisRegionFactory) sessionFactory.unwrap( SessionFactoryImplementor.class )
				.getCache().getRegionFactory() ).store().roundTrips();
	}

	@Override
	public void close() {
		if ( sessionFactory != null ) {
			sessionFactory.close();
		}
		if ( floorClient != null ) {
			floorClient.close();
		}
		if ( probe != null ) {
			probe.close();
		}
		if ( redis != null ) {
			redis.close();
		}
		if ( redissonConfig != null ) {
			try {
				Files.deleteIfExists( redissonConfig );
			}
			catch (IOException ignored) {
				// a temp file
			}
		}
	}
}
