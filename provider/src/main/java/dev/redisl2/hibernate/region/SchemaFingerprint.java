package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

import org.hibernate.cache.cfg.spi.CollectionDataCachingConfig;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.cfg.spi.EntityDataCachingConfig;
import org.hibernate.cache.cfg.spi.NaturalIdDataCachingConfig;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.model.domain.NavigableRole;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.Type;

/**
 * A short hash of the shape of everything a region caches: entity names, attribute names and types,
 * id, version and collection element types. Two deployments whose mappings differ (an attribute added
 * during a rolling upgrade) get different fingerprints, and an entry written under one is a miss for
 * the other instead of being assembled into the wrong shape. The key does not include it, so an update
 * by either deployment still locks or invalidates the one entry both read.
 */
final class SchemaFingerprint {

	private SchemaFingerprint() {
	}

	static String of(DomainDataRegionConfig config, SessionFactoryImplementor factory) {
		var metamodel = factory.getMappingMetamodel();
		TreeSet<String> parts = new TreeSet<>();
		for ( EntityDataCachingConfig entity : config.getEntityCaching() ) {
			for ( NavigableRole role : entity.getCachedTypes() ) {
				parts.add( describe( metamodel.getEntityDescriptor( role.getFullPath() ) ) );
			}
			parts.add( describe( metamodel.getEntityDescriptor( entity.getNavigableRole().getFullPath() ) ) );
		}
		for ( NaturalIdDataCachingConfig naturalId : config.getNaturalIdCaching() ) {
			EntityPersister persister = metamodel.getEntityDescriptor( naturalId.getNavigableRole().getFullPath() );
			StringBuilder text = new StringBuilder( "nid " ).append( persister.getEntityName() );
			for ( int index : persister.getNaturalIdentifierProperties() ) {
				text.append( ' ' ).append( persister.getPropertyNames()[index] )
						.append( ':' ).append( persister.getPropertyTypes()[index].getName() );
			}
			text.append( " id:" ).append( persister.getIdentifierType().getName() );
			parts.add( text.toString() );
		}
		for ( CollectionDataCachingConfig collection : config.getCollectionCaching() ) {
			parts.add( describe( metamodel.getCollectionDescriptor( collection.getNavigableRole().getFullPath() ) ) );
		}
		return hash( String.join( "\n", parts ) );
	}

	private static String describe(EntityPersister persister) {
		StringBuilder text = new StringBuilder( "entity " ).append( persister.getEntityName() )
				.append( " id:" ).append( persister.getIdentifierType().getName() );
		String[] names = persister.getPropertyNames();
		Type[] types = persister.getPropertyTypes();
		for ( int i = 0; i < names.length; i++ ) {
			text.append( ' ' ).append( names[i] ).append( ':' ).append( types[i].getName() );
		}
		if ( persister.isVersioned() ) {
			text.append( " version:" ).append( names[persister.getVersionPropertyIndex()] );
		}
		return text.toString();
	}

	private static String describe(CollectionPersister persister) {
		return "collection " + persister.getRole()
				+ " key:" + persister.getKeyType().getName()
				+ " element:" + persister.getElementType().getName()
				+ " index:" + ( persister.getIndexType() == null ? "-" : persister.getIndexType().getName() );
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance( "SHA-256" ).digest( text.getBytes( StandardCharsets.UTF_8 ) );
			return HexFormat.of().formatHex( digest, 0, 5 );
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException( e );
		}
	}
}
