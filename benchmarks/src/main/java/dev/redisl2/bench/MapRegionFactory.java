package dev.redisl2.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.spi.support.DomainDataStorageAccess;
import org.hibernate.cache.spi.support.RegionFactoryTemplate;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * A floor, not a cache: every region is a {@link ConcurrentHashMap} holding Hibernate's cache entries by
 * reference (no copy, no encoding, no network), behind Hibernate's own access strategies. What a find
 * costs here is what Hibernate's session and second-level cache machinery cost by themselves.
 */
public final class MapRegionFactory extends RegionFactoryTemplate {

	@Override
	protected void prepareForUse(SessionFactoryOptions options, Map<String, Object> configValues) {
		// nothing to open
	}

	@Override
	protected void releaseFromUse() {
		// nothing to close
	}

	@Override
	protected DomainDataStorageAccess createDomainDataStorageAccess(DomainDataRegionConfig regionConfig,
			DomainDataRegionBuildingContext buildingContext) {
		return new MapStorage();
	}

	@Override
	protected StorageAccess createQueryResultsRegionStorageAccess(String regionName, SessionFactoryImplementor sessionFactory) {
		return new MapStorage();
	}

	@Override
	protected StorageAccess createTimestampsRegionStorageAccess(String regionName, SessionFactoryImplementor sessionFactory) {
		return new MapStorage();
	}

	static final class MapStorage implements DomainDataStorageAccess {

		private final ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>();

		@Override
		public Object getFromCache(Object key, SharedSessionContractImplementor session) {
			return map.get( key );
		}

		@Override
		public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
			map.put( key, value );
		}

		@Override
		public boolean contains(Object key) {
			return map.containsKey( key );
		}

		@Override
		public void evictData() {
			map.clear();
		}

		@Override
		public void evictData(Object key) {
			map.remove( key );
		}

		@Override
		public void release() {
			map.clear();
		}
	}
}
