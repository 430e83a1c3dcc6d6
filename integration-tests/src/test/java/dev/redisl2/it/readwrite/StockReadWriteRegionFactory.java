package dev.redisl2.it.readwrite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.spi.support.DomainDataStorageAccess;
import org.hibernate.cache.spi.support.RegionFactoryTemplate;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The yardstick of the stress test, not a product: Hibernate's stock access strategies
 * ({@code EntityReadWriteAccess} and friends, whose locks live in one JVM) over a plain Redis storage
 * that stores Java-serialized values with GET and SET. This is what a provider that only supplies
 * storage gets across nodes. Test code only.
 */
public class StockReadWriteRegionFactory extends RegionFactoryTemplate {

	private RedisClient redis;
	private String prefix;
	private volatile java.time.Clock wallClock = java.time.Clock.systemUTC();
	private final java.util.concurrent.atomic.AtomicLong lastTimestamp = new java.util.concurrent.atomic.AtomicLong();

	/**
	 * Hibernate's own timestamp scheme (milliseconds shifted by 12 bits, strictly increasing), on the
	 * node's wall clock, which is what a stock provider compares across nodes.
	 */
	@Override
	public long nextTimestamp() {
		long now = wallClock.millis() << 12;
		return lastTimestamp.updateAndGet( previous -> Math.max( previous + 1, now ) );
	}

	@Override
	protected void prepareForUse(SessionFactoryOptions settings, Map<String, Object> configValues) {
		redis = RedisClient.create( URI.create( (String) configValues.get( "hibernate.cache.redis.url" ) ) );
		prefix = (String) configValues.get( "hibernate.cache.redis.key_prefix" );
		if ( configValues.get( "hibernate.cache.redis.wall_clock" ) instanceof java.time.Clock clock ) {
			wallClock = clock;
		}
	}

	@Override
	protected void releaseFromUse() {
		redis.close();
	}

	@Override
	protected DomainDataStorageAccess createDomainDataStorageAccess(DomainDataRegionConfig regionConfig,
			DomainDataRegionBuildingContext buildingContext) {
		return new JavaSerializedStorage( prefix + ":" + regionConfig.getRegionName() + ":" );
	}

	@Override
	protected StorageAccess createQueryResultsRegionStorageAccess(String regionName, SessionFactoryImplementor factory) {
		return new JavaSerializedStorage( prefix + ":" + regionName + ":" );
	}

	@Override
	protected StorageAccess createTimestampsRegionStorageAccess(String regionName, SessionFactoryImplementor factory) {
		return new JavaSerializedStorage( prefix + ":" + regionName + ":" );
	}

	private final class JavaSerializedStorage implements DomainDataStorageAccess {

		private final String keyPrefix;

		JavaSerializedStorage(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		private byte[] key(Object key) {
			return ( keyPrefix + key ).getBytes( StandardCharsets.UTF_8 );
		}

		@Override
		public Object getFromCache(Object key, SharedSessionContractImplementor session) {
			byte[] raw = redis.get( key( key ) );
			if ( raw == null ) {
				return null;
			}
			try ( ObjectInputStream in = new ObjectInputStream( new ByteArrayInputStream( raw ) ) ) {
				return in.readObject();
			}
			catch (IOException | ClassNotFoundException e) {
				return null;
			}
		}

		@Override
		public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try ( ObjectOutputStream out = new ObjectOutputStream( bytes ) ) {
				out.writeObject( value );
			}
			catch (IOException e) {
				throw new IllegalStateException( e );
			}
			redis.set( key( key ), bytes.toByteArray() );
		}

		@Override
		public boolean contains(Object key) {
			return redis.exists( key( key ) );
		}

		@Override
		public void evictData() {
			String cursor = ScanParams.SCAN_POINTER_START;
			do {
				ScanResult<String> page = redis.scan( cursor, new ScanParams().match( keyPrefix + "*" ).count( 500 ) );
				page.getResult().forEach( redis::del );
				cursor = page.getCursor();
			}
			while ( !cursor.equals( ScanParams.SCAN_POINTER_START ) );
		}

		@Override
		public void evictData(Object key) {
			redis.del( key( key ) );
		}

		@Override
		public void release() {
		}
	}
}
