package dev.redisl2.bench.model;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** The to-one target of {@link Product}: a few hundred rows, all of them hot. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Supplier {

	@Id
	private Long id;

	private String name;

	private String country;

	protected Supplier() {
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public String getCountry() {
		return country;
	}
}
