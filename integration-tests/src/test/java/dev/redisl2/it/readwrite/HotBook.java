package dev.redisl2.it.readwrite;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** A versioned read-write entity for the stress test. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class HotBook {

	@Id
	Long id;

	@Version
	long version;

	String title;

	protected HotBook() {
	}

	HotBook(Long id, String title) {
		this.id = id;
		this.title = title;
	}
}
