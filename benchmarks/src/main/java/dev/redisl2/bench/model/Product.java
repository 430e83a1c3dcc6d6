package dev.redisl2.bench.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/**
 * The entity the find, graph, query and update workloads read: versioned, with a lazy to-one target and a
 * cached one-to-many collection, and no cached natural id (see {@link Account} for why). The access type in
 * the annotations is a placeholder: each benchmark configuration overrides it on the boot model
 * ({@code Contender}).
 */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Product {

	@Id
	private Long id;

	@Version
	private long version;

	private String sku;

	private String name;

	private String description;

	private BigDecimal price;

	private int stock;

	@ManyToOne(fetch = FetchType.LAZY)
	private Supplier supplier;

	@OneToMany(mappedBy = "product")
	@OrderBy("id")
	@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
	private List<Review> reviews = new ArrayList<>();

	protected Product() {
	}

	public Long getId() {
		return id;
	}

	public String getSku() {
		return sku;
	}

	public String getName() {
		return name;
	}

	public BigDecimal getPrice() {
		return price;
	}

	public int getStock() {
		return stock;
	}

	public void setStock(int stock) {
		this.stock = stock;
	}

	public Supplier getSupplier() {
		return supplier;
	}

	public List<Review> getReviews() {
		return reviews;
	}
}
