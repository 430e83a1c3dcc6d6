package dev.redisl2.sample;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

/** READ_WRITE, versioned entity with a mutable, cached natural id (isbn). */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
@NaturalIdCache
public class Book {

	@Id
	@GeneratedValue
	private Long id;

	@Version
	private long version;

	@NaturalId(mutable = true)
	private String isbn;

	private String title;

	private BigDecimal price;

	private LocalDate published;

	@Enumerated(EnumType.STRING)
	private Genre genre;

	@ManyToOne(fetch = FetchType.LAZY)
	private Author author;

	protected Book() {
	}

	public Book(String isbn, String title, BigDecimal price, LocalDate published, Genre genre, Author author) {
		this.isbn = isbn;
		this.title = title;
		this.price = price;
		this.published = published;
		this.genre = genre;
		this.author = author;
	}

	public Long getId() {
		return id;
	}

	public long getVersion() {
		return version;
	}

	public String getIsbn() {
		return isbn;
	}

	public void setIsbn(String isbn) {
		this.isbn = isbn;
	}

	public String getTitle() {
		return title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public BigDecimal getPrice() {
		return price;
	}

	public void setPrice(BigDecimal price) {
		this.price = price;
	}

	public LocalDate getPublished() {
		return published;
	}

	public void setPublished(LocalDate published) {
		this.published = published;
	}

	public Genre getGenre() {
		return genre;
	}

	public void setGenre(Genre genre) {
		this.genre = genre;
	}

	public Author getAuthor() {
		return author;
	}

	public void setAuthor(Author author) {
		this.author = author;
	}

	@Override
	public String toString() {
		return "Book[" + id + ", isbn=" + isbn + ", \"" + title + "\", " + price + ", v" + version + "]";
	}
}
