package dev.foundation.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

class TestServicesContextCustomizerFactoryTests {

	private final TestServicesContextCustomizerFactory factory = new TestServicesContextCustomizerFactory();

	@Test
	void testWithoutTheAnnotationIsLeftAlone() {
		assertThat(customizerFor(Plain.class)).isNull();
	}

	@Test
	void defaultsToTheDefaultDatabaseWithoutApplicationRole() {
		assertThat(customizerFor(Defaults.class))
			.isEqualTo(new TestServicesContextCustomizer(FoundationTestServices.DEFAULT_DATABASE_PREFIX, false));
	}

	@Test
	void classesAskingForTheSameServicesGetEqualCustomizersAndSoShareAContext() {
		assertThat(customizerFor(Orders.class)).isEqualTo(customizerFor(MoreOrders.class))
			.hasSameHashCodeAs(customizerFor(MoreOrders.class));
	}

	@Test
	void anotherDatabaseOrRoleIsAnotherContext() {
		assertThat(customizerFor(Orders.class)).isNotEqualTo(customizerFor(OrdersAsOwner.class))
			.isNotEqualTo(customizerFor(Defaults.class));
	}

	@Test
	void foundOnSuperclassesAndMetaAnnotations() {
		assertThat(customizerFor(InheritsOrders.class)).isEqualTo(customizerFor(Orders.class));
		assertThat(customizerFor(MetaAnnotated.class)).isEqualTo(customizerFor(Orders.class));
	}

	private ContextCustomizer customizerFor(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	static class Plain {

	}

	@WithTestServices
	static class Defaults {

	}

	@WithTestServices(database = "orders", applicationRole = true)
	static class Orders {

	}

	@WithTestServices(database = "orders", applicationRole = true)
	static class MoreOrders {

	}

	@WithTestServices(database = "orders")
	static class OrdersAsOwner {

	}

	static class InheritsOrders extends Orders {

	}

	@WithTestServices(database = "orders", applicationRole = true)
	@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
	@interface OrdersServices {

	}

	@OrdersServices
	static class MetaAnnotated {

	}

}
