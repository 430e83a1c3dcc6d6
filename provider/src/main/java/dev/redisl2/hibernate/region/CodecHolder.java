package dev.redisl2.hibernate.region;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.redisl2.hibernate.codec.Compression;
import dev.redisl2.hibernate.codec.TypeAllowList;
import dev.redisl2.hibernate.config.StorageSettings;
import dev.redisl2.hibernate.codec.ValueCodec;

import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.CollectionType;
import org.hibernate.type.ComponentType;
import org.hibernate.type.EntityType;
import org.hibernate.type.Type;

/**
 * Builds the factory's codec on first use, when the metamodel is complete: the Java types of every mapped
 * basic attribute (enums above all) join the allow-list, so users only list types Hibernate cannot see.
 */
public final class CodecHolder {

	private final List<String> configuredTypes;
	private final StorageSettings storage;
	private volatile ValueCodec codec;

	CodecHolder(List<String> configuredTypes, StorageSettings storage) {
		this.configuredTypes = configuredTypes;
		this.storage = storage;
	}

	public ValueCodec codec(SessionFactoryImplementor factory) {
		ValueCodec current = codec;
		if ( current != null ) {
			return current;
		}
		synchronized ( this ) {
			if ( codec == null ) {
				// entity classes come from the application's class loader, not from whichever thread gets here first
				ClassLoader loader = factory.getServiceRegistry().requireService( ClassLoaderService.class )
						.workWithClassLoader( classLoader -> classLoader );
				Set<Class<?>> mapped = mappedTypes( factory );
				Compression compression = storage.compressionThreshold() == 0 ? Compression.NONE
						: Compression.above( storage.compressionThreshold() );
				codec = new ValueCodec( TypeAllowList.builtIn().with( configuredTypes ).withClasses( mapped ), loader,
						factory.getTypeConfiguration(), storage.entryFormat(), knownNames( factory, mapped ), compression );
			}
			return codec;
		}
	}

	/** What the compact format writes as name codes: entity names (an entry's subclass) and mapped classes (enums). */
	private static Set<String> knownNames(SessionFactoryImplementor factory, Set<Class<?>> mapped) {
		Set<String> names = new HashSet<>();
		factory.getMappingMetamodel().forEachEntityDescriptor( persister -> names.add( persister.getEntityName() ) );
		for ( Class<?> type : mapped ) {
			names.add( type.getName() );
		}
		return names;
	}

	private static Set<Class<?>> mappedTypes(SessionFactoryImplementor factory) {
		Set<Class<?>> classes = new HashSet<>();
		var metamodel = factory.getMappingMetamodel();
		metamodel.forEachEntityDescriptor( persister -> {
			collect( persister.getIdentifierType(), classes );
			for ( Type type : persister.getPropertyTypes() ) {
				collect( type, classes );
			}
		} );
		metamodel.forEachCollectionDescriptor( persister -> {
			collect( persister.getKeyType(), classes );
			collect( persister.getElementType(), classes );
			if ( persister.getIndexType() != null ) {
				collect( persister.getIndexType(), classes );
			}
		} );
		return classes;
	}

	private static void collect(Type type, Set<Class<?>> classes) {
		if ( type == null || type instanceof CollectionType || type instanceof EntityType ) {
			return; // their cached form is ids and elements, collected from their own descriptors
		}
		if ( type instanceof ComponentType component ) {
			// its parts are cached as an array, but a composite id cached as a natural-id value is the class itself
			classes.add( component.getReturnedClass() );
			for ( Type subtype : component.getSubtypes() ) {
				collect( subtype, classes );
			}
			return;
		}
		Class<?> returned = type.getReturnedClass();
		if ( returned != null && !returned.isPrimitive() ) {
			classes.add( returned.isArray() ? returned.getComponentType() : returned );
		}
	}
}
