package dev.redisl2.sample;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** READ_WRITE entity WITHOUT a version column and with an assigned id. */
@Entity
@Cacheable
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
public class Counter {

	@Id
	private Long id;

	@Column(name = "counter_value") // VALUE is a reserved word in H2 2.x
	private long value;

	protected Counter() {
	}

	public Counter(Long id, long value) {
		this.id = id;
		this.value = value;
	}

	public Long getId() {
		return id;
	}

	public long getValue() {
		return value;
	}

	public void setValue(long value) {
		this.value = value;
	}

	public void increment() {
		value++;
	}

	@Override
	public String toString() {
		return "Counter[" + id + "=" + value + "]";
	}
}
