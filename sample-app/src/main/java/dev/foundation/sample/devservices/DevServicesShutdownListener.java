package dev.foundation.sample.devservices;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops the development services of an application context when it closes, rather than
 * only at JVM exit, so that a context restarted in the same JVM (tests, DevTools) does
 * not leave servers behind. Closing twice is harmless.
 */
public class DevServicesShutdownListener implements ApplicationListener<ContextClosedEvent> {

	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		ApplicationContext context = event.getApplicationContext();
		if (!(context.getEnvironment() instanceof ConfigurableEnvironment environment)) {
			return;
		}
		DevServicesPropertySource devServices = DevServicesPropertySource.in(environment);
		if (devServices != null && !inheritedFromParent(context, devServices)) {
			devServices.close();
		}
	}

	/**
	 * A child context sees its parent's property sources; the services belong to the
	 * parent and outlive the child.
	 */
	private static boolean inheritedFromParent(ApplicationContext context, DevServicesPropertySource devServices) {
		ApplicationContext parent = context.getParent();
		return parent != null && parent.getEnvironment() instanceof ConfigurableEnvironment parentEnvironment
				&& DevServicesPropertySource.in(parentEnvironment) == devServices;
	}

}
