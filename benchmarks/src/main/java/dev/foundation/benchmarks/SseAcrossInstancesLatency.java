package dev.foundation.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.foundation.core.context.RequestContexts;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.core.jobs.JobRef;
import dev.foundation.core.jobs.JobStatusPublisher;
import dev.foundation.core.jobs.autoconfigure.JobStreamAutoConfiguration;
import dev.foundation.core.jobs.internal.RedisJobSubscriptions;
import dev.foundation.core.redis.autoconfigure.FoundationRedisAutoConfiguration;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Job events over HTTP across two application instances that share Redis: a publisher on
 * instance A, Server-Sent Events clients on instance B. Prints the publish → client
 * latency (p50, p99) of one stream, then opens 1,000 streams on instance B at once and
 * prints the heap, thread counts and the time for the terminal event to reach them all.
 * <p>
 * Each instance runs the request context, problem+json errors, the shared Redis
 * connection and the job endpoints on Tomcat; a filter binds the tenant from a header, as
 * tenancy's resolution would (authentication is left out: it is measured elsewhere and
 * does not change the streaming path). The Redis comes from
 * {@code FOUNDATION_TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}).
 * <p>
 * Not JMH: percentiles of single deliveries are the point. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.foundation.benchmarks.SseAcrossInstancesLatency}.
 */
public final class SseAcrossInstancesLatency {

	static final String TENANT_HEADER = "X-Bench-Tenant";

	private static final int EVENTS = 2_000;

	private static final int WARMUP_EVENTS = 300;

	private static final int STREAMS = 1_000;

	private SseAcrossInstancesLatency() {
	}

	public static void main(String[] args) throws Exception {
		String redis = System.getenv().getOrDefault("FOUNDATION_TEST_REDIS_URL", "redis://127.0.0.1:6379");
		String prefix = "foundation:bench:" + UUID.randomUUID() + ":";
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		try (ConfigurableApplicationContext instanceA = start(redis, prefix);
				ConfigurableApplicationContext instanceB = start(redis, prefix)) {
			oneStream(client, instanceA, instanceB);
			manyStreams(client, instanceA, instanceB);
		}
	}

	private static void oneStream(HttpClient client, ConfigurableApplicationContext instanceA,
			ConfigurableApplicationContext instanceB) throws Exception {
		JobStatusPublisher publisher = instanceA.getBean(JobStatusPublisher.class);
		JobRef job = new JobRef("bench-tenant", UUID.randomUUID().toString());
		publisher.started(job);
		long[] sentAt = new long[EVENTS];
		long[] latency = new long[EVENTS];
		Arrays.fill(sentAt, -1);
		AtomicInteger received = new AtomicInteger();
		CountDownLatch opened = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(1);
		HttpResponse<InputStream> response = client.send(events(instanceB, job),
				HttpResponse.BodyHandlers.ofInputStream());
		require(response.statusCode() == 200, "the stream answered " + response.statusCode());
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("event:started")) {
						opened.countDown();
					}
					int at = line.indexOf("\"message\":\"m");
					if (line.startsWith("data:") && at >= 0) {
						int index = Integer.parseInt(line.substring(at + 12, line.indexOf('"', at + 12)));
						latency[index] = System.nanoTime() - sentAt[index];
						received.incrementAndGet();
					}
					if (line.startsWith("event:completed")) {
						ended.countDown();
					}
				}
			}
			catch (IOException ex) {
				ended.countDown();
			}
		}, "sse-reader");
		reader.start();
		require(opened.await(30, TimeUnit.SECONDS), "the stored state did not arrive");
		for (int i = 0; i < EVENTS; i++) {
			sentAt[i] = System.nanoTime();
			publisher.progress(job, i * 100 / EVENTS, "m" + i);
			// One event every 2 ms: a busy job reports less often than that.
			Thread.sleep(2);
		}
		publisher.completed(job, null);
		require(ended.await(60, TimeUnit.SECONDS), "the stream did not end");
		require(received.get() == EVENTS, "received " + received.get() + " of " + EVENTS + " events");
		long[] warm = Arrays.copyOfRange(latency, WARMUP_EVENTS, EVENTS);
		System.out.println("job event over SSE, publish on A -> line read by a client of B, " + warm.length
				+ " events after " + WARMUP_EVENTS + " warm-up: " + percentiles(warm));
	}

	private static void manyStreams(HttpClient client, ConfigurableApplicationContext instanceA,
			ConfigurableApplicationContext instanceB) throws Exception {
		JobStatusPublisher publisher = instanceA.getBean(JobStatusPublisher.class);
		RedisJobSubscriptions subscriptions = instanceB.getBean(RedisJobSubscriptions.class);
		JobRef job = new JobRef("bench-tenant", UUID.randomUUID().toString());
		publisher.started(job);
		System.gc();
		long heapBefore = usedHeap();
		int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
		Map<Integer, Boolean> completed = new ConcurrentHashMap<>();
		List<CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>> streams = new ArrayList<>();
		for (int i = 0; i < STREAMS; i++) {
			streams.add(client.sendAsync(events(instanceB, job), HttpResponse.BodyHandlers.ofLines()));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (subscriptions.subscriberCount() < STREAMS && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		require(subscriptions.subscriberCount() >= STREAMS,
				"only " + subscriptions.subscriberCount() + " of " + STREAMS + " streams opened");
		System.gc();
		long heapOpen = usedHeap();
		int threadsOpen = ManagementFactory.getThreadMXBean().getThreadCount();
		int busyRequestThreads = requestThreadsBusy(instanceB);
		CountDownLatch reading = new CountDownLatch(STREAMS);
		CountDownLatch done = new CountDownLatch(STREAMS);
		for (int i = 0; i < STREAMS; i++) {
			int index = i;
			HttpResponse<java.util.stream.Stream<String>> response = streams.get(i).get(30, TimeUnit.SECONDS);
			Thread reader = new Thread(() -> {
				reading.countDown();
				if (response.body().anyMatch((line) -> line.startsWith("event:completed"))) {
					completed.put(index, Boolean.TRUE);
				}
				done.countDown();
			}, "sse-reader-" + i);
			reader.setDaemon(true);
			reader.start();
		}
		require(reading.await(60, TimeUnit.SECONDS), "the readers did not start");
		long start = System.nanoTime();
		publisher.completed(job, null);
		require(done.await(60, TimeUnit.SECONDS), "not every stream ended");
		long allDone = System.nanoTime() - start;
		require(completed.size() == STREAMS, "the terminal event reached " + completed.size() + " of " + STREAMS);
		System.out.printf(
				"%d SSE streams open on instance B: heap %+.1f MB (%.1f KB a stream, client side included),"
						+ " Tomcat request threads busy %d, JVM threads %d -> %d (the HTTP client's included);"
						+ " terminal event read by all %d clients %.0f ms after publication on A%n",
				STREAMS, (heapOpen - heapBefore) / 1e6, (heapOpen - heapBefore) / 1e3 / STREAMS, busyRequestThreads,
				threadsBefore, threadsOpen, STREAMS, allDone / 1e6);
	}

	private static int requestThreadsBusy(ConfigurableApplicationContext instance) {
		var tomcat = (org.springframework.boot.tomcat.TomcatWebServer) ((WebServerApplicationContext) instance)
			.getWebServer();
		var executor = tomcat.getTomcat().getConnector().getProtocolHandler().getExecutor();
		return (executor instanceof java.util.concurrent.ThreadPoolExecutor pool) ? pool.getActiveCount()
				: (executor instanceof org.apache.tomcat.util.threads.ThreadPoolExecutor tomcatPool)
						? tomcatPool.getActiveCount() : -1;
	}

	private static HttpRequest events(ConfigurableApplicationContext instance, JobRef job) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + job.jobId() + "/events"))
			.header(TENANT_HEADER, job.tenantId())
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofMinutes(5))
			.GET()
			.build();
	}

	private static ConfigurableApplicationContext start(String redis, String prefix) {
		return new SpringApplicationBuilder(SseApplication.class)
			.properties(Map.of("server.port", "0", "spring.main.banner-mode", "off", "bench.redis-url", redis,
					"foundation.jobs.key-prefix", prefix, "logging.level.root", "WARN"))
			.run();
	}

	private static long usedHeap() {
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("p50 %.3f ms, p99 %.3f ms, max %.3f ms", sorted[sorted.length / 2] / 1e6,
				sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
	}

	private static void require(boolean condition, String failure) {
		if (!condition) {
			throw new IllegalStateException(failure);
		}
	}

	/**
	 * The job endpoints on Tomcat with the foundation's request context, errors and
	 * shared Redis connection; the tenant comes from {@value #TENANT_HEADER}.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
			TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
			HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			TaskExecutionAutoConfiguration.class, RequestContextAutoConfiguration.class,
			ErrorHandlingAutoConfiguration.class, FoundationRedisAutoConfiguration.class,
			JobStreamAutoConfiguration.class })
	static class SseApplication {

		@Bean
		LettuceConnectionFactory redisConnectionFactory(Environment environment) {
			URI redis = URI.create(environment.getRequiredProperty("bench.redis-url"));
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.getHost(), redis.getPort()));
		}

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> benchTenantFilter() {
			var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {

				@Override
				protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
						FilterChain chain) throws ServletException, IOException {
					String tenant = request.getHeader(TENANT_HEADER);
					if (tenant != null) {
						RequestContexts.replace(RequestContexts.current().withTenantId(tenant));
					}
					chain.doFilter(request, response);
				}

			});
			registration.setOrder(-100 + 10);
			return registration;
		}

	}

}
