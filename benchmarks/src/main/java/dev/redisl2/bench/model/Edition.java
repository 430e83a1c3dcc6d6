package dev.redisl2.bench.model;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * Issue 16's 8-attribute entity, measured by the memory benchmark: a name, a code, an int, a BigDecimal, a
 * LocalDate, an enum, a boolean and a to-one reference.
 */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Edition {

	public enum Format { HARDCOVER, PAPERBACK, EBOOK }

	@Id
	private Long id;

	@Version
	private long version;

	private String name;

	private String code;

	private int pages;

	private BigDecimal price;

	private LocalDate published;

	@Enumerated(EnumType.STRING)
	private Format format;

	private boolean available;

	@ManyToOne(fetch = FetchType.LAZY)
	private Supplier supplier;

	protected Edition() {
	}

	public String getName() {
		return name;
	}
}
