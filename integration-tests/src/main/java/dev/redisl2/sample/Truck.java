package dev.redisl2.sample;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("TRUCK")
public class Truck extends Vehicle {

	private double payloadTons;

	protected Truck() {
	}

	public Truck(Long id, String maker, double payloadTons) {
		super(id, maker);
		this.payloadTons = payloadTons;
	}

	public double getPayloadTons() {
		return payloadTons;
	}

	public void setPayloadTons(double payloadTons) {
		this.payloadTons = payloadTons;
	}

	@Override
	public String toString() {
		return "Truck[" + getId() + ", " + getMaker() + ", payload=" + payloadTons + "t]";
	}
}
