package dev.redisl2.bench.model;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

/**
 * An entity with a cached natural id, for the natural-id workloads. Kept apart from {@link Product} because
 * Hibernate 7.4, after loading any entity whose natural id is cached, reads the natural-id cache entry
 * again ("prevent identical re-caching" in {@code NaturalIdResolutionsImpl.cacheFromLoad}): a find by id
 * of such an entity costs two cache reads whatever the provider does.
 */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NaturalIdCache
public class Account {

	@Id
	private Long id;

	@Version
	private long version;

	@NaturalId
	private String email;

	private String name;

	private String country;

	private LocalDate since;

	protected Account() {
	}

	public Long getId() {
		return id;
	}

	public String getEmail() {
		return email;
	}

	public String getName() {
		return name;
	}

	public String getCountry() {
		return country;
	}

	public LocalDate getSince() {
		return since;
	}
}
