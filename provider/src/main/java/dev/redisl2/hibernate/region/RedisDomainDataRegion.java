package dev.redisl2.hibernate.region;


import java.util.Comparator;

import org.hibernate.cache.spi.ExtendedStatisticsSupport;
import org.hibernate.cache.cfg.spi.CollectionDataCachingConfig;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.cfg.spi.EntityDataCachingConfig;
import org.hibernate.cache.cfg.spi.NaturalIdDataCachingConfig;
import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.cache.spi.RegionFactory;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.cache.spi.support.AbstractDomainDataRegion;
import org.hibernate.cache.CacheException;

/**
 * An entity, collection or natural-id region. Access objects come from a {@link AccessFactory} that
 * maps each access type to a strategy; TRANSACTIONAL is refused at startup (see the factory).
 */
public final class RedisDomainDataRegion extends AbstractDomainDataRegion implements ExtendedStatisticsSupport {

	/** Creates the access object of one access type for this region. */
	public interface AccessFactory {
		Object create(AccessType type, RedisDomainDataRegion region, CacheKeysFactory keysFactory, String cachedRole,
				Comparator<Object> versionComparator);
	}

	private final RegionStorage storage;
	private final DomainDataRegionConfig config;
	private final AccessFactory accessFactory;
	private final int entryFormat;
	private volatile String fingerprint;
	private volatile EntryShape shape;

	public RedisDomainDataRegion(DomainDataRegionConfig config, RegionFactory regionFactory, RegionStorage storage,
			CacheKeysFactory defaultKeysFactory, DomainDataRegionBuildingContext buildingContext,
			AccessFactory accessFactory, int entryFormat) {
		super( config, regionFactory, defaultKeysFactory, buildingContext );
		this.entryFormat = entryFormat;
		this.storage = storage;
		this.config = config;
		this.accessFactory = accessFactory;
		completeInstantiation( config, buildingContext );
	}

	public RegionStorage storage() {
		return storage;
	}

	/** Entries of this region in Redis (with its locks and markers): see {@link RegionSize} for the cost. */
	@Override
	public long getElementCountInMemory() {
		return storage.keyCount();
	}

	/** Redis keeps no part of a region on disk apart from its persistence files. */
	@Override
	public long getElementCountOnDisk() {
		return 0;
	}

	/** Unknown: measuring it would need a MEMORY USAGE call per key (see the benchmarks for bytes per entry). */
	@Override
	public long getSizeInMemory() {
		return -1;
	}

	/** The schema fingerprint of what this region caches, computed once the metamodel is complete. */
	public String fingerprint() {
		String current = fingerprint;
		if ( current == null ) {
			current = SchemaFingerprint.of( config, getSessionFactory(), entryFormat );
			fingerprint = current;
		}
		return current;
	}

	/**
	 * Null when a decoded entry has the shape of what this region caches, otherwise what is wrong (see
	 * {@link EntryShape}): an entry Hibernate would fail to assemble must be a miss, not an exception.
	 */
	public String shapeProblem(Object decoded) {
		EntryShape current = shape;
		if ( current == null ) {
			current = new EntryShape( config, getSessionFactory() );
			shape = current;
		}
		try {
			return current.problem( decoded );
		}
		catch (RuntimeException e) {
			// the check is a safeguard: a metamodel it does not understand must not cost the cache
			return null;
		}
	}

	@Override
	protected EntityDataAccess generateEntityAccess(EntityDataCachingConfig entityAccessConfig) {
		var comparator = entityAccessConfig.getVersionComparatorAccess();
		return (EntityDataAccess) create( entityAccessConfig.getAccessType(), entityAccessConfig.getNavigableRole().getFullPath(),
				comparator == null ? null : comparator.get() );
	}

	@Override
	protected CollectionDataAccess generateCollectionAccess(CollectionDataCachingConfig cachingConfig) {
		return (CollectionDataAccess) create( cachingConfig.getAccessType(), cachingConfig.getNavigableRole().getFullPath(),
				cachingConfig.getOwnerVersionComparator() );
	}

	@Override
	protected NaturalIdDataAccess generateNaturalIdAccess(NaturalIdDataCachingConfig naturalIdAccessConfig) {
		return (NaturalIdDataAccess) create( naturalIdAccessConfig.getAccessType(), naturalIdAccessConfig.getNavigableRole().getFullPath(), null );
	}

	private Object create(AccessType type, String role, Comparator<Object> versionComparator) {
		return accessFactory.create( type, this, getEffectiveKeysFactory(), role, versionComparator );
	}

	/** Empties the region for every node in one round trip (one new generation, not one per cached role). */
	@Override
	public void clear() {
		storage.evictAll();
	}

	@Override
	public void destroy() throws CacheException {
		// nothing to release: the connection belongs to the factory
	}
}
