package dev.redisl2.it.readwrite;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** An unversioned read-write entity: only timestamps and locks protect it. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class HotCounter {

	@Id
	Long id;

	long hits;

	protected HotCounter() {
	}

	HotCounter(Long id) {
		this.id = id;
	}
}
