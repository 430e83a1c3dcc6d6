package dev.redisl2.hibernate.region;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import dev.redisl2.hibernate.entry.StoredEntry;
import dev.redisl2.hibernate.redis.KeyText;
import dev.redisl2.hibernate.redis.RedisCacheKeysFactory;

import org.hibernate.cache.spi.QueryKey;
import org.hibernate.cache.spi.support.StorageAccess;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * A query-results region. A query key (SQL, parameter values, paging, enabled filters) becomes a
 * SHA-256 digest of its serialized form, prefixed by the session's tenant: {@code {acme/q:<digest>}}.
 * Nothing is ever deserialized from it: the digest only names the entry. Whether a result is still
 * current is Hibernate's check against the update timestamps. A result's header carries the entry format
 * ({@code f<version>}) where a domain entry carries its schema fingerprint: a result written by a provider
 * build with another format is a miss, and the next put replaces it.
 *
 * <p>Round trips: a hit 1 (plus one per query space for the timestamps); a put 1.
 */
public final class QueryResultsStorage implements StorageAccess {

	private final RegionStorage storage;
	private final String format;

	/** @param entryFormat the entry format this node writes and reads (see {@code EntryFormat}) */
	public QueryResultsStorage(RegionStorage storage, int entryFormat) {
		this.storage = storage;
		this.format = "f" + entryFormat;
		storage.context().queryRegion( storage );
	}

	@Override
	public Object getFromCache(Object key, SharedSessionContractImplementor session) {
		String entryId = entryId( key, session );
		if ( entryId == null ) {
			return null;
		}
		RegionStorage.Lookup lookup = storage.lookup( entryId );
		return isOurs( lookup ) ? storage.decode( lookup, session.getFactory() ) : null;
	}

	@Override
	public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
		String entryId = entryId( key, session );
		RegionState state = storage.stateForWrite();
		if ( entryId == null || state == null ) {
			return;
		}
		byte[] payload = storage.encode( value, session.getFactory() );
		if ( payload != null ) {
			byte[] raw = StoredEntry.value( state.generation(), storage.context().clock().next(),
					StoredEntry.NO_VERSION, format, payload );
			storage.set( storage.key( entryId ), raw, storage.ttlMillis() );
		}
	}

	@Override
	public boolean contains(Object key) {
		String entryId = entryId( key, null );
		return entryId != null && isOurs( storage.lookup( entryId ) );
	}

	private boolean isOurs(RegionStorage.Lookup lookup) {
		return lookup.isCurrent( StoredEntry.Kind.VALUE ) && format.equals( lookup.entry().fingerprint() );
	}

	@Override
	public void evictData() {
		storage.evictAll();
	}

	@Override
	public void evictData(Object key) {
		String entryId = entryId( key, null );
		if ( entryId != null ) {
			storage.delete( entryId );
		}
	}

	@Override
	public void release() {
	}

	private static String entryId(Object key, SharedSessionContractImplementor session) {
		if ( !( key instanceof QueryKey queryKey ) ) {
			return RedisCacheKeysFactory.entryId( key );
		}
		String digest = digest( queryKey );
		if ( digest == null ) {
			return null;
		}
		String tenant = session == null ? null : session.getTenantIdentifier();
		return ( tenant == null ? "" : KeyText.escape( tenant ) + '/' ) + "q:" + digest;
	}

	/** Digest of the key's serialized form; null when a parameter value is not serializable (then nothing is cached). */
	private static String digest(QueryKey key) {
		try {
			MessageDigest sha = MessageDigest.getInstance( "SHA-256" );
			try ( ObjectOutputStream out = new ObjectOutputStream( new DigestOutputStream( OutputStream.nullOutputStream(), sha ) ) ) {
				out.writeObject( key );
			}
			return Base64.getUrlEncoder().withoutPadding().encodeToString( sha.digest() );
		}
		catch (IOException | NoSuchAlgorithmException e) {
			return null;
		}
	}
}
