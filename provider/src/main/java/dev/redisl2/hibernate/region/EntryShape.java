package dev.redisl2.hibernate.region;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.cache.cfg.spi.CollectionDataCachingConfig;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.cfg.spi.EntityDataCachingConfig;
import org.hibernate.cache.cfg.spi.NaturalIdDataCachingConfig;
import org.hibernate.cache.spi.entry.CacheEntry;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.CollectionClassification;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;
import org.hibernate.type.BasicType;
import org.hibernate.type.CollectionType;
import org.hibernate.type.ComponentType;
import org.hibernate.type.EntityType;
import org.hibernate.type.Type;

/**
 * Whether a decoded entry has the shape of what its region caches, before Hibernate assembles it.
 *
 * <p>The codec guarantees that an entry only holds allowed types; it cannot know which of them belong where.
 * An entry written by someone else into one of our keys (with a header copied from a genuine one) can name an
 * entity outside the region, hold too few values, or put a number where a string belongs, and Hibernate would
 * throw at the application while assembling it. This check refuses such entries so they are misses instead.
 */
/*
 * What is checked, and why no more. Entity entries: the subclass is one the region caches, the state has one
 * value per property, and each value fits its property where that can be told without Hibernate's help:
 * embeddables are arrays of the right length (checked recursively), to-one associations hold an id of the
 * target's id type, and basic properties without a converter whose Java type is one of a few immutable JDK
 * types (String, numbers, java.time, UUID) hold exactly that type - for those, the cached (disassembled) form
 * is the value itself. Other basic types are let through: a converter or a mutable type may legitimately
 * cache another class, and refusing good entries would be worse than what this prevents. Natural-id entries
 * hold an id; collection entries an array whose elements are checked like to-one ids or basic values (maps
 * and id-bags interleave keys, so only their length is checked). Markers (unfetched lazy, unknown
 * back-reference) and nulls are accepted anywhere.
 */
final class EntryShape {

	private static final Set<Class<?>> PLAIN = Set.of( String.class, Long.class, Integer.class, Short.class, Byte.class,
			Boolean.class, Character.class, Double.class, Float.class, BigDecimal.class, BigInteger.class,
			LocalDate.class, LocalTime.class, LocalDateTime.class, Instant.class, OffsetDateTime.class,
			ZonedDateTime.class, UUID.class );

	private final DomainDataRegionConfig config;
	private final SessionFactoryImplementor factory;
	private final Set<String> entityNames = new HashSet<>();

	EntryShape(DomainDataRegionConfig config, SessionFactoryImplementor factory) {
		this.config = config;
		this.factory = factory;
		for ( EntityDataCachingConfig entity : config.getEntityCaching() ) {
			entity.getCachedTypes().forEach( role -> entityNames.add( role.getFullPath() ) );
		}
	}

	/** Null when the entry fits this region, otherwise what is wrong with it. */
	String problem(Object decoded) {
		if ( decoded instanceof CacheEntry entry ) {
			return entityProblem( entry );
		}
		if ( decoded instanceof CollectionCacheEntry entry ) {
			return collectionProblem( entry );
		}
		for ( NaturalIdDataCachingConfig naturalId : config.getNaturalIdCaching() ) {
			EntityPersister root = factory.getMappingMetamodel().findEntityDescriptor( naturalId.getNavigableRole().getFullPath() );
			if ( root != null && fits( root.getIdentifierType(), decoded ) ) {
				return null;
			}
		}
		return "a " + decoded.getClass().getName() + " where this region caches no such value";
	}

	private String entityProblem(CacheEntry entry) {
		if ( entry.isReferenceEntry() ) {
			return "a reference entry";
		}
		String subclass = entry.getSubclass();
		if ( !entityNames.contains( subclass ) ) {
			return "entity '" + subclass + "' is not cached in this region";
		}
		EntityPersister persister = factory.getMappingMetamodel().findEntityDescriptor( subclass );
		if ( persister == null ) {
			return "entity '" + subclass + "' is not mapped";
		}
		Type[] types = persister.getPropertyTypes();
		Object[] state = entry.getDisassembledState();
		if ( state == null || state.length != types.length ) {
			return "entity '" + subclass + "' has " + types.length + " properties, the entry " + ( state == null ? "none" : state.length );
		}
		for ( int i = 0; i < types.length; i++ ) {
			if ( !fits( types[i], state[i] ) ) {
				return "property '" + persister.getPropertyNames()[i] + "' of '" + subclass + "' holds a " + state[i].getClass().getName();
			}
		}
		if ( persister.isVersioned() && !fits( persister.getVersionType(), entry.getVersion() ) ) {
			return "the version of '" + subclass + "' is a " + entry.getVersion().getClass().getName();
		}
		return null;
	}

	private String collectionProblem(CollectionCacheEntry entry) {
		Object[] state = entry.getState();
		if ( state == null ) {
			return "a collection entry without state";
		}
		for ( CollectionDataCachingConfig collection : config.getCollectionCaching() ) {
			CollectionPersister persister = factory.getMappingMetamodel().findCollectionDescriptor( collection.getNavigableRole().getFullPath() );
			if ( persister != null && collectionFits( persister, state ) ) {
				return null;
			}
		}
		return "a collection entry that fits no collection of this region";
	}

	private boolean collectionFits(CollectionPersister persister, Object[] state) {
		CollectionClassification classification = persister.getCollectionSemantics().getCollectionClassification();
		if ( classification == CollectionClassification.MAP || classification == CollectionClassification.ORDERED_MAP
				|| classification == CollectionClassification.SORTED_MAP || classification == CollectionClassification.ID_BAG ) {
			return state.length % 2 == 0;
		}
		for ( Object element : state ) {
			if ( !fits( persister.getElementType(), element ) ) {
				return false;
			}
		}
		return true;
	}

	private boolean fits(Type type, Object value) {
		if ( value == null || value == LazyPropertyInitializer.UNFETCHED_PROPERTY || value == PropertyAccessStrategyBackRefImpl.UNKNOWN ) {
			return true;
		}
		if ( type instanceof ComponentType component ) {
			Type[] parts = component.getSubtypes();
			if ( !( value instanceof Object[] values ) ) {
				// a component cached as itself (e.g. an embedded id in a natural-id entry) is the class itself
				return component.getReturnedClass().isInstance( value );
			}
			if ( values.length != parts.length ) {
				return false;
			}
			for ( int i = 0; i < parts.length; i++ ) {
				if ( !fits( parts[i], values[i] ) ) {
					return false;
				}
			}
			return true;
		}
		if ( type instanceof EntityType association ) {
			// the type a to-one holds: the target's id type (getIdentifierOrUniqueKeyType changed its signature in 7.0)
			return !association.isReferenceToPrimaryKey()
					|| fits( factory.getMappingMetamodel().getEntityDescriptor( association.getAssociatedEntityName( factory ) ).getIdentifierType(), value );
		}
		if ( type instanceof CollectionType ) {
			return true;
		}
		if ( type instanceof BasicType<?> basic && basic.getValueConverter() == null ) {
			Class<?> javaType = boxed( basic.getReturnedClass() );
			return !PLAIN.contains( javaType ) || javaType.isInstance( value );
		}
		return true;
	}

	private static Class<?> boxed(Class<?> type) {
		if ( !type.isPrimitive() ) {
			return type;
		}
		return java.lang.invoke.MethodType.methodType( type ).wrap().returnType();
	}
}
