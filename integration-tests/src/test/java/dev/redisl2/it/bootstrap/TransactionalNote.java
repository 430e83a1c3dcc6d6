package dev.redisl2.it.bootstrap;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** Asks for TRANSACTIONAL caching, which the provider refuses. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.TRANSACTIONAL)
public class TransactionalNote {

	@Id
	Long id;
}
