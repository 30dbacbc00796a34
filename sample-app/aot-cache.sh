#!/usr/bin/env bash
# Starts the sample app with a JVM class cache, which shortens startup: the AOT cache (JEP 483/514) on Java 25+,
# CDS (a dynamic class-data-sharing archive) on Java 17 to 24. See docs/performance.md for the numbers.
#
#   ./mvnw -q -pl sample-app -am package -DskipTests && sample-app/aot-cache.sh [application arguments]
#
# The first start after a build (or after switching JDKs) is a training run: the jar is extracted into
# sample-app/target/aot/ (a cache only works with the extracted layout), the application starts with the same
# environment and arguments, exits once its context is refreshed (-Dspring.context.exit=onRefresh: every singleton
# built, migrations applied, startup checks passed, nothing served), and the JVM writes the cache. Then, and on every
# later start, the application starts with the cache. The training run connects to what the real run connects to
# (the embedded dev services when nothing is configured), so it needs the same database and Redis.
#
# Environment: JAVA (default: java on the PATH), JAVA_OPTS (JVM options for both runs, e.g. -Xmx1g; the cache is
# only used with the JVM options and JDK it was made with), AOT_DIR (default: sample-app/target/aot).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$HERE/target/sample-app.jar
AOT_DIR=${AOT_DIR:-$HERE/target/aot}
JAVA=${JAVA:-java}
read -r -a JAVA_OPTS <<<"${JAVA_OPTS:-}"

[ -f "$JAR" ] || { echo "no $JAR: build it first (./mvnw -q -pl sample-app -am package -DskipTests)" >&2; exit 1; }

props=$("$JAVA" -XshowSettings:properties -version 2>&1)
version=$(awk -F' = ' '/java.specification.version/ {print $2}' <<<"$props")
if [ "$version" -ge 24 ]; then cache=$AOT_DIR/sample-app.aot; else cache=$AOT_DIR/sample-app.jsa; fi
# The cache belongs to one build of the jar (a newer jar starts afresh), one JDK and one set of JVM options.
stamp="$(awk -F' = ' '/java.home|java.vm.version/ {print $2}' <<<"$props" | tr '\n' ' ')${JAVA_OPTS[*]:-}"

if [ ! -f "$cache" ] || [ "$JAR" -nt "$cache" ] || [ "$(cat "$AOT_DIR/stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$AOT_DIR"
	"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$AOT_DIR/app"
	echo "aot-cache.sh: training run (starts the application once and exits after its context refreshed)" >&2
	training=(-Dspring.context.exit=onRefresh -jar "$AOT_DIR/app/sample-app.jar" "$@")
	# Warnings about single classes that cannot be cached are expected (those load as usual): errors only.
	if [ "$version" -ge 25 ]; then
		"$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -Xlog:aot=error -XX:AOTCacheOutput="$cache" "${training[@]}"
	elif [ "$version" -eq 24 ]; then
		"$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -XX:AOTMode=record -XX:AOTConfiguration="$AOT_DIR/app.aotconf" \
			"${training[@]}"
		"$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -XX:AOTMode=create -XX:AOTConfiguration="$AOT_DIR/app.aotconf" \
			-XX:AOTCache="$cache" -cp "$AOT_DIR/app/sample-app.jar"
	else
		"$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} -Xlog:cds=error -XX:ArchiveClassesAtExit="$cache" "${training[@]}"
	fi
	[ -f "$cache" ] || { echo "aot-cache.sh: the training run wrote no cache ($cache)" >&2; exit 1; }
	echo "$stamp" >"$AOT_DIR/stamp"
fi

if [ "$version" -ge 24 ]; then use=-XX:AOTCache=$cache; else use=-XX:SharedArchiveFile=$cache; fi
exec "$JAVA" ${JAVA_OPTS[@]+"${JAVA_OPTS[@]}"} "$use" -jar "$AOT_DIR/app/sample-app.jar" "$@"
