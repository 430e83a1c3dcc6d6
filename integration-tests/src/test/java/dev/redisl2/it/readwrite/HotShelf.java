package dev.redisl2.it.readwrite;

import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** An entity with a read-write cached collection. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class HotShelf {

	@Id
	Long id;

	@ElementCollection(fetch = FetchType.LAZY)
	@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
	Set<String> labels = new HashSet<>();

	protected HotShelf() {
	}

	HotShelf(Long id) {
		this.id = id;
	}
}
