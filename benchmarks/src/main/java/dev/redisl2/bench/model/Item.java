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
 * Issue 16's 8-attribute entity, for the Redis memory per entry: a name, a code, an int, a BigDecimal, a
 * LocalDate, an enum, a boolean and a lazy to-one reference (plus its id and version). The access type in the
 * annotation is a placeholder, overridden per configuration like {@link Product}'s.
 */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Item {

	@Id
	private Long id;

	@Version
	private long version;

	private String name;

	private String code;

	private int quantity;

	private BigDecimal price;

	private LocalDate released;

	@Enumerated(EnumType.STRING)
	private ItemCondition itemCondition;

	private boolean active;

	@ManyToOne(fetch = FetchType.LAZY)
	private Supplier supplier;

	protected Item() {
	}

	public Long getId() {
		return id;
	}

	public String getName() {
		return name;
	}

	public String getCode() {
		return code;
	}

	public int getQuantity() {
		return quantity;
	}

	public BigDecimal getPrice() {
		return price;
	}

	public LocalDate getReleased() {
		return released;
	}

	public ItemCondition getItemCondition() {
		return itemCondition;
	}

	public boolean isActive() {
		return active;
	}

	public Supplier getSupplier() {
		return supplier;
	}
}
