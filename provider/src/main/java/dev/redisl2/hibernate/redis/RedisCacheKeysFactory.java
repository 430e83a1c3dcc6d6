package dev.redisl2.hibernate.redis;

import dev.redisl2.hibernate.compat.HibernateSpi;

import org.hibernate.cache.internal.BasicCacheKeyImplementation;
import org.hibernate.cache.internal.CacheKeyImplementation;
import org.hibernate.cache.internal.NaturalIdCacheKey;
import org.hibernate.cache.spi.CacheKeysFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.BasicType;
import org.hibernate.type.Type;

/**
 * Builds {@link CacheKey}s whose entry id is the readable, injective text
 * <pre>
 *   [tenant/]Book#42             an entity (JPA entity name of the hierarchy root, then the id)
 *   [tenant/]Author.books#7      a collection (owner's entity name, the attribute path, the owner id)
 *   [tenant/]Book.nid#(978-3)    a natural id (the values Hibernate normalised)
 * </pre>
 * The tenant is part of the id whenever the session has one, so two tenants' rows never share a key.
 * Keys made by another factory (an application's {@code hibernate.cache.keys_factory}) are rendered by
 * {@link #entryId(Object)} from their public parts.
 */
public final class RedisCacheKeysFactory implements CacheKeysFactory {

	public static final RedisCacheKeysFactory INSTANCE = new RedisCacheKeysFactory();

	private RedisCacheKeysFactory() {
	}

	@Override
	public Object createEntityKey(Object id, EntityPersister persister, SessionFactoryImplementor factory, String tenantIdentifier) {
		Type idType = persister.getIdentifierType();
		Object coerced = coerce( id, idType, factory );
		StringBuilder text = tenant( tenantIdentifier ).append( HibernateSpi.jpaEntityName( persister.getRootEntityDescriptor().getEntityPersister(), factory ) ).append( '#' );
		KeyText.appendId( text, idType.disassemble( coerced, factory ) );
		return new CacheKey( coerced, text.toString() );
	}

	@Override
	public Object createCollectionKey(Object id, CollectionPersister persister, SessionFactoryImplementor factory, String tenantIdentifier) {
		Type keyType = persister.getKeyType();
		Object coerced = coerce( id, keyType, factory );
		EntityPersister owner = persister.getOwnerEntityPersister();
		String role = persister.getRole();
		String attribute = role.startsWith( owner.getEntityName() + '.' )
				? role.substring( owner.getEntityName().length() )
				: '.' + role;
		StringBuilder text = tenant( tenantIdentifier ).append( HibernateSpi.jpaEntityName( owner, factory ) ).append( KeyText.escape( attribute ) ).append( '#' );
		KeyText.appendId( text, keyType.disassemble( coerced, factory ) );
		return new CacheKey( coerced, text.toString() );
	}

	@Override
	public Object createNaturalIdKey(Object naturalIdValues, EntityPersister persister, SharedSessionContractImplementor session) {
		// Hibernate's own key normalises the values (one disassembled value per column); we keep them
		Object normalised = NaturalIdCacheKey.from( naturalIdValues, persister, session ).getNaturalIdValues();
		StringBuilder text = tenant( session.getTenantIdentifier() )
				.append( HibernateSpi.jpaEntityName( persister.getRootEntityDescriptor().getEntityPersister(), session.getFactory() ) )
				.append( ".nid#" );
		KeyText.appendId( text, normalised );
		return new CacheKey( normalised, text.toString() );
	}

	@Override
	public Object getEntityId(Object cacheKey) {
		return idOf( cacheKey );
	}

	@Override
	public Object getCollectionId(Object cacheKey) {
		return idOf( cacheKey );
	}

	@Override
	public Object getNaturalIdValues(Object cacheKey) {
		if ( cacheKey instanceof NaturalIdCacheKey foreign ) {
			return foreign.getNaturalIdValues();
		}
		return idOf( cacheKey );
	}

	/** The entry id of any key Hibernate may hand a region, ours or another factory's. */
	public static String entryId(Object cacheKey) {
		if ( cacheKey instanceof CacheKey key ) {
			return key.entryId();
		}
		StringBuilder text;
		if ( cacheKey instanceof CacheKeyImplementation key ) {
			text = tenant( key.getTenantId() ).append( KeyText.escape( key.getEntityOrRoleName() ) ).append( '#' );
			KeyText.appendId( text, key.getId() );
		}
		else if ( cacheKey instanceof BasicCacheKeyImplementation key ) {
			text = new StringBuilder( KeyText.escape( key.getEntityOrRoleName() ) ).append( '#' );
			KeyText.appendId( text, key.getId() );
		}
		else if ( cacheKey instanceof NaturalIdCacheKey key ) {
			text = tenant( key.getTenantId() ).append( KeyText.escape( key.getEntityName() ) ).append( ".nid#" );
			KeyText.appendId( text, key.getNaturalIdValues() );
		}
		else {
			// SimpleCacheKeysFactory: the id itself
			text = new StringBuilder( "#" );
			KeyText.appendId( text, cacheKey );
		}
		return text.toString();
	}

	private static Object idOf(Object cacheKey) {
		if ( cacheKey instanceof CacheKey key ) {
			return key.id();
		}
		if ( cacheKey instanceof CacheKeyImplementation key ) {
			return key.getId();
		}
		if ( cacheKey instanceof BasicCacheKeyImplementation key ) {
			return key.getId();
		}
		return cacheKey;
	}

	private static StringBuilder tenant(String tenantIdentifier) {
		StringBuilder text = new StringBuilder( 48 );
		if ( tenantIdentifier != null ) {
			text.append( KeyText.escape( tenantIdentifier ) ).append( '/' );
		}
		return text;
	}

	private static Object coerce(Object id, Type type, SessionFactoryImplementor factory) {
		return type instanceof BasicType<?> basic ? HibernateSpi.coerce( basic.getJavaTypeDescriptor(), id, factory ) : id;
	}
}
