package dev.redisl2.hibernate.redis;

import java.io.Serializable;

/**
 * The key Hibernate holds for one cache entry. It carries the entry id already rendered as key text,
 * so the hot path never formats an id twice, and the original id (or natural-id values) Hibernate asks back for.
 */
public final class CacheKey implements Serializable {

	private final Object id;
	private final String entryId;

	public CacheKey(Object id, String entryId) {
		this.id = id;
		this.entryId = entryId;
	}

	public Object id() {
		return id;
	}

	public String entryId() {
		return entryId;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CacheKey that && entryId.equals( that.entryId );
	}

	@Override
	public int hashCode() {
		return entryId.hashCode();
	}

	@Override
	public String toString() {
		return entryId;
	}
}
