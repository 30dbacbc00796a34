package dev.foundation.core.error.tomcat;

import java.util.Arrays;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts a {@link ProblemErrorReportValve} in place of Tomcat's HTML error report on the
 * host. Runs after Boot's own Tomcat customizer, which may add a plain
 * {@link ErrorReportValve}, and removes it.
 */
public final class ProblemErrorReportValveCustomizer
		implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	private final ProblemErrorReportValve valve;

	/**
	 * Creates the customizer.
	 * @param valve the valve to install
	 */
	public ProblemErrorReportValveCustomizer(ProblemErrorReportValve valve) {
		this.valve = valve;
	}

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers((context) -> install(context.getParent()));
	}

	private void install(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve existing : pipeline.getValves()) {
			if (existing instanceof ErrorReportValve && existing != this.valve) {
				pipeline.removeValve(existing);
			}
		}
		if (!Arrays.asList(pipeline.getValves()).contains(this.valve)) {
			pipeline.addValve(this.valve);
		}
		if (host instanceof StandardHost standardHost) {
			// Otherwise the host adds its default report valve when it starts, finding
			// none of that class.
			standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
