package dev.redisl2.hibernate.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.descriptor.java.JavaType;

/**
 * Hibernate SPI calls whose binary form differs between 6.6 and 7.x. Each is resolved once (the handles
 * are immutable) and called without reflection on the hot path.
 */
public final class HibernateSpi {

	private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();

	/** {@code JavaType.coerce(Object)} (7.2+), else {@code coerce(Object, CoercionContext)} (6.6 to 7.3). */
	private static final MethodHandle COERCE = find( JavaType.class, "coerce", MethodType.methodType( Object.class, Object.class ) );
	private static final MethodHandle COERCE_WITH_CONTEXT = find( JavaType.class, "coerce",
			MethodType.methodType( Object.class, Object.class, JavaType.CoercionContext.class ) );
	/** {@code EntityPersister.getJpaEntityName()} (7.0+); 6.6 has it only on its JPA metamodel. */
	private static final MethodHandle JPA_ENTITY_NAME = find( EntityPersister.class, "getJpaEntityName",
			MethodType.methodType( String.class ) );

	private HibernateSpi() {
	}

	/** The value as the Java type expects it (e.g. an Integer id passed for a Long attribute). */
	public static Object coerce(JavaType<?> type, Object value, SessionFactoryImplementor factory) {
		try {
			if ( COERCE != null ) {
				return COERCE.invoke( type, value );
			}
			JavaType.CoercionContext context = factory::getTypeConfiguration;
			return COERCE_WITH_CONTEXT.invoke( type, value, context );
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Throwable e) {
			throw new IllegalStateException( e );
		}
	}

	/**
	 * The entity's JPA name ({@code @Entity(name)}, else the unqualified class name): the same text on every
	 * supported Hibernate, so that nodes on different Hibernate versions share keys.
	 */
	public static String jpaEntityName(EntityPersister persister, SessionFactoryImplementor factory) {
		try {
			if ( JPA_ENTITY_NAME != null ) {
				return (String) JPA_ENTITY_NAME.invoke( persister );
			}
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Throwable e) {
			throw new IllegalStateException( e );
		}
		return factory.getRuntimeMetamodels().getJpaMetamodel().entity( persister.getEntityName() ).getName();
	}

	/** The name of the entity's version attribute ({@code getVersionPropertyIndex} is missing on 7.0 and 7.1). */
	public static String versionAttributeName(EntityPersister persister) {
		return persister.getVersionMapping().getVersionAttribute().getAttributeName();
	}

	/** The persister of a collection's entity elements, or null (on 6.6 only the abstract class declares it). */
	public static EntityPersister elementPersister(CollectionPersister persister) {
		return persister instanceof AbstractCollectionPersister known && persister.getElementType().isEntityType()
				? known.getElementPersister()
				: null;
	}

	/** 7.x asks the SessionFactory, 6.6 its service registry; both keep it as a service. */
	public static EventListenerRegistry eventListeners(SessionFactoryImplementor factory) {
		return factory.getServiceRegistry().getService( EventListenerRegistry.class );
	}

	/** Whether the handles this class needs resolved on the Hibernate in use (checked at bootstrap). */
	static boolean resolved() {
		return COERCE != null || COERCE_WITH_CONTEXT != null;
	}

	private static MethodHandle find(Class<?> owner, String name, MethodType type) {
		try {
			return LOOKUP.findVirtual( owner, name, type );
		}
		catch (NoSuchMethodException | IllegalAccessException e) {
			return null;
		}
	}
}
