package dev.redisl2.hibernate.region;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

import dev.redisl2.hibernate.compat.HibernateSpi;

import org.hibernate.cache.cfg.spi.CollectionDataCachingConfig;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.cfg.spi.EntityDataCachingConfig;
import org.hibernate.cache.cfg.spi.NaturalIdDataCachingConfig;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.model.domain.NavigableRole;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.CollectionType;
import org.hibernate.type.ComponentType;
import org.hibernate.type.EntityType;
import org.hibernate.type.Type;

/**
 * A short hash of the shape of everything a region caches: entity names, attribute names and types,
 * id, version and collection element types. Two deployments whose mappings differ (an attribute added
 * during a rolling upgrade) get different fingerprints, and an entry written under one is a miss for
 * the other instead of being assembled into the wrong shape. The key does not include it, so an update
 * by either deployment still locks or invalidates the one entry both read. The entry format version
 * ({@link dev.redisl2.hibernate.entry.EntryFormat}) is part of the hash, so an upgrade of the provider
 * that changes the format is treated exactly like a change of the mapping.
 */
final class SchemaFingerprint {

	private SchemaFingerprint() {
	}

	static String of(DomainDataRegionConfig config, SessionFactoryImplementor factory, int entryFormat) {
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
						.append( ':' ).append( signature( persister.getPropertyTypes()[index] ) );
			}
			text.append( " id:" ).append( signature( persister.getIdentifierType() ) );
			parts.add( text.toString() );
		}
		for ( CollectionDataCachingConfig collection : config.getCollectionCaching() ) {
			parts.add( describe( metamodel.getCollectionDescriptor( collection.getNavigableRole().getFullPath() ) ) );
		}
		return hash( "format " + entryFormat + "\n" + String.join( "\n", parts ), entryFormat );
	}

	private static String describe(EntityPersister persister) {
		StringBuilder text = new StringBuilder( "entity " ).append( persister.getEntityName() )
				.append( " id:" ).append( signature( persister.getIdentifierType() ) );
		String[] names = persister.getPropertyNames();
		Type[] types = persister.getPropertyTypes();
		for ( int i = 0; i < names.length; i++ ) {
			text.append( ' ' ).append( names[i] ).append( ':' ).append( signature( types[i] ) );
		}
		if ( persister.isVersioned() ) {
			text.append( " version:" ).append( HibernateSpi.versionAttributeName( persister ) );
		}
		return text.toString();
	}

	private static String describe(CollectionPersister persister) {
		return "collection " + persister.getRole()
				+ " key:" + signature( persister.getKeyType() )
				+ " element:" + signature( persister.getElementType() )
				+ " index:" + ( persister.getIndexType() == null ? "-" : signature( persister.getIndexType() ) );
	}

	/**
	 * What a type stores in a cache entry, in words that are the same on every node: Type.getName() is
	 * not (for enums and converted types it embeds a per-SessionFactory counter).
	 */
	private static String signature(Type type) {
		if ( type instanceof ComponentType component ) {
			StringBuilder text = new StringBuilder( "{" );
			String[] names = component.getPropertyNames();
			Type[] subtypes = component.getSubtypes();
			for ( int i = 0; i < names.length; i++ ) {
				text.append( i == 0 ? "" : "," ).append( names[i] ).append( ':' ).append( signature( subtypes[i] ) );
			}
			return text.append( '}' ).toString();
		}
		if ( type instanceof CollectionType collection ) {
			return "collection(" + collection.getRole() + ")";
		}
		if ( type instanceof EntityType entity ) {
			return "entity(" + entity.getAssociatedEntityName() + ")";
		}
		return type.getReturnedClass().getName();
	}

	/**
	 * 40 bits either way: ten hex digits in format 1 (as its releases wrote them), seven base64url characters
	 * in format 2, three bytes less in every value header.
	 */
	private static String hash(String text, int entryFormat) {
		try {
			byte[] digest = MessageDigest.getInstance( "SHA-256" ).digest( text.getBytes( StandardCharsets.UTF_8 ) );
			if ( entryFormat >= 2 ) {
				return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString( java.util.Arrays.copyOf( digest, 5 ) );
			}
			return HexFormat.of().formatHex( digest, 0, 5 );
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException( e );
		}
	}
}
