package dev.redisl2.sample;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.TenantId;

/**
 * A multi-tenant entity (discriminator column {@code tenant}). Lives in its own persistence unit
 * ({@code tenants}) because {@code @TenantId} makes every session of its SessionFactory need a tenant.
 * Two tenants may hold a Note with the same id.
 */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.NONSTRICT_READ_WRITE)
public class Note {

	@Id
	private Long id;

	@TenantId
	private String tenant;

	private String text;

	protected Note() {
	}

	public Note(Long id, String text) {
		this.id = id;
		this.text = text;
	}

	public Long getId() {
		return id;
	}

	public String getTenant() {
		return tenant;
	}

	public String getText() {
		return text;
	}

	public void setText(String text) {
		this.text = text;
	}

	@Override
	public String toString() {
		return "Note[" + tenant + "/" + id + ", " + text + "]";
	}
}
