package dev.redisl2.it.bootstrap;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** An entity whose region keeps "not found" markers in the negative-cache test. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = "missing")
public class Missing {

	@Id
	Long id;

	String name;

	protected Missing() {
	}

	Missing(Long id, String name) {
		this.id = id;
		this.name = name;
	}
}
