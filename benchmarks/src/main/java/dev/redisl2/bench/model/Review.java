package dev.redisl2.bench.model;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** Element of {@link Product#getReviews()}: three per product. */
@Entity
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Review {

	@Id
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY)
	private Product product;

	private int rating;

	private String author;

	private String body;

	protected Review() {
	}

	public Long getId() {
		return id;
	}

	public int getRating() {
		return rating;
	}

	public String getAuthor() {
		return author;
	}

	public String getBody() {
		return body;
	}
}
