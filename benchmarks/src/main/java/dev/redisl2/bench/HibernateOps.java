package dev.redisl2.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import dev.redisl2.bench.model.Account;
import dev.redisl2.bench.model.Item;
import dev.redisl2.bench.model.Product;
import dev.redisl2.bench.model.Review;

import org.hibernate.Hibernate;
import org.hibernate.KeyType;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;

/**
 * The operations of each {@link Workload} on one SessionFactory. Reads run in a session without an
 * explicit transaction (a cache hit then needs no JDBC connection at all); the update runs in a
 * transaction, as it must, and so does the hot-key read ({@link Workload#ZIPF}), as a service method would.
 * Every operation reads what it loads, so that lazy parts are really fetched.
 */
final class HibernateOps {

	static final String QUERY = "select p from Product p where p.supplier.id = :supplier order by p.id";
	static final int QUERY_LIMIT = 5;
	static final int MULTIPLE = 10;

	private final SessionFactory sessionFactory;
	private final Database.Dataset data;
	private final Keys uniform;
	private final Keys accounts;
	private final Keys zipf;
	private final Keys hot;
	private final Keys graphIds;
	private final Keys suppliers;
	private final Keys updateIds;

	HibernateOps(SessionFactory sessionFactory, Database.Dataset data, Keys zipf, Keys hot, int slice, int slices) {
		this.sessionFactory = sessionFactory;
		this.data = data;
		this.uniform = Keys.uniform( data.rows );
		this.accounts = Keys.uniform( data.accounts );
		this.zipf = zipf;
		this.hot = hot;
		this.graphIds = Keys.uniform( data.graphRows );
		this.suppliers = Keys.uniform( data.suppliers );
		this.updateIds = Keys.slice( data.rows, slice, slices );
	}

	/** One operation; returns a value derived from what was read, so nothing is optimised away. */
	long run(Workload workload, SplittableRandom random) {
		return switch ( workload ) {
			case FIND_UNIFORM -> find( uniform.next( random ) );
			case FIND_ZIPF -> find( zipf.next( random ) );
			case GRAPH -> graph( graphIds.next( random ) );
			case QUERY -> query( suppliers.next( random ) );
			case FIND_NATURAL_CACHED -> findAccount( accounts.next( random ) );
			case NATURAL_ID -> naturalId( accounts.next( random ) );
			case FIND_MULTIPLE -> findMultiple( random );
			case UPDATE -> update( updateIds.next( random ) );
			case ZIPF -> findInTransaction( hot.next( random ) );
		};
	}

	long find(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			return session.find( Product.class, id ).getStock();
		}
	}

	/** A read as a service method does it: its own session and transaction around one find. */
	long findInTransaction(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			Transaction tx = session.beginTransaction();
			try {
				long stock = session.find( Product.class, id ).getStock();
				tx.commit();
				return stock;
			}
			catch (RuntimeException e) {
				if ( tx.isActive() ) {
					tx.rollback();
				}
				throw e;
			}
		}
	}

	long graph(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			Product product = session.find( Product.class, id );
			long sum = product.getSupplier().getName().length();
			for ( Review review : product.getReviews() ) {
				sum += review.getRating();
			}
			check( product.getReviews().size() == Database.Dataset.REVIEWS_PER_PRODUCT, "reviews of product " + id );
			return sum;
		}
	}

	long query(long supplierId) {
		try ( Session session = sessionFactory.openSession() ) {
			List<Product> products = session.createSelectionQuery( QUERY, Product.class )
					.setParameter( "supplier", supplierId )
					.setMaxResults( QUERY_LIMIT )
					.setCacheable( true )
					.getResultList();
			check( products.size() == QUERY_LIMIT, "products of supplier " + supplierId );
			long sum = 0;
			for ( Product p : products ) {
				sum += p.getStock();
			}
			return sum;
		}
	}

	/** Issue 16's 8-attribute entity by id (the memory run). */
	long findItem(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			return session.find( Item.class, id ).getQuantity();
		}
	}

	/** One review by id: caches the elements before their collections are measured (the memory run). */
	long findReview(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			return session.find( Review.class, id ).getRating();
		}
	}

	/** A product's collection of reviews, initialised and nothing else (the memory run). */
	long reviews(long productId) {
		try ( Session session = sessionFactory.openSession() ) {
			List<Review> reviews = session.find( Product.class, productId ).getReviews();
			Hibernate.initialize( reviews );
			check( reviews.size() == Database.Dataset.REVIEWS_PER_PRODUCT, "reviews of product " + productId );
			return reviews.size();
		}
	}

	/**
	 * The cached query of {@link #query}, at page {@code page} of {@value #QUERY_LIMIT} products (first result
	 * {@code page * QUERY_LIMIT}): a different query result per (supplier, page), so that the memory run caches
	 * more query results than there are suppliers.
	 */
	long queryPage(long supplierId, int page) {
		try ( Session session = sessionFactory.openSession() ) {
			List<Product> products = session.createSelectionQuery( QUERY, Product.class )
					.setParameter( "supplier", supplierId )
					.setFirstResult( page * QUERY_LIMIT )
					.setMaxResults( QUERY_LIMIT )
					.setCacheable( true )
					.getResultList();
			check( products.size() == QUERY_LIMIT, "products of supplier " + supplierId + ", page " + page );
			return products.size();
		}
	}

	long findAccount(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			return session.find( Account.class, id ).getName().length();
		}
	}

	long naturalId(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			return session.find( Account.class, Database.Dataset.email( id ), KeyType.NATURAL ).getName().length();
		}
	}

	long findMultiple(SplittableRandom random) {
		List<Long> ids = new ArrayList<>( MULTIPLE );
		for ( int i = 0; i < MULTIPLE; i++ ) {
			ids.add( uniform.next( random ) );
		}
		try ( Session session = sessionFactory.openSession() ) {
			long sum = 0;
			for ( Product p : session.findMultiple( Product.class, ids ) ) {
				sum += p.getStock();
			}
			return sum;
		}
	}

	long update(long id) {
		try ( Session session = sessionFactory.openSession() ) {
			Transaction tx = session.beginTransaction();
			try {
				Product product = session.find( Product.class, id );
				product.setStock( product.getStock() + 1 );
				tx.commit();
				return product.getStock();
			}
			catch (RuntimeException e) {
				if ( tx.isActive() ) {
					tx.rollback();
				}
				throw e;
			}
		}
	}

	/** A wrong answer is an error of the operation, never a fast one. */
	private static void check(boolean ok, String what) {
		if ( !ok ) {
			throw new IllegalStateException( "wrong number of " + what );
		}
	}

	/**
	 * Reads every id a workload draws from once, up to {@code limit} ids (split over {@code part} of
	 * {@code parts}): fills the cache, and warms the JIT for every configuration alike.
	 */
	void fill(Workload workload, int part, int parts, long limit) {
		switch ( workload ) {
			case FIND_UNIFORM, FIND_ZIPF, FIND_MULTIPLE, UPDATE, ZIPF -> {
				for ( long id = 1 + part; id <= Math.min( data.rows, limit ); id += parts ) {
					find( id );
				}
			}
			case GRAPH -> {
				for ( long id = 1 + part; id <= Math.min( data.graphRows, limit ); id += parts ) {
					graph( id );
				}
			}
			case QUERY -> {
				for ( long id = 1 + part; id <= Math.min( data.suppliers, limit ); id += parts ) {
					query( id );
				}
			}
			case FIND_NATURAL_CACHED, NATURAL_ID -> {
				// loading an account caches its natural id too (Hibernate's cacheFromLoad)
				for ( long id = 1 + part; id <= Math.min( data.accounts, limit ); id += parts ) {
					findAccount( id );
				}
			}
		}
	}
}
