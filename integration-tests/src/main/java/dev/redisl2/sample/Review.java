package dev.redisl2.sample;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** READ_WRITE entity: an element of {@link Product#getReviews()} (unit {@code graph}). */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Review {

	@Id
	@GeneratedValue
	private Long id;

	private String text;

	private int stars;

	@ManyToOne(fetch = FetchType.LAZY)
	private Product product;

	protected Review() {
	}

	public Review(Product product, String text, int stars) {
		this.product = product;
		this.text = text;
		this.stars = stars;
	}

	public Long getId() {
		return id;
	}

	public String getText() {
		return text;
	}

	public void setText(String text) {
		this.text = text;
	}

	public int getStars() {
		return stars;
	}

	public Product getProduct() {
		return product;
	}
}
