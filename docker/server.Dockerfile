# cast2md server image: Open Liberty 26.0.0.3 (the runtime the build pins) on a Java 17 JRE, the
# WAR, the liberty/ configuration, the JDBC drivers (H2, PostgreSQL) and the worker jar for local
# workers. Data (H2 database, uploads, transcripts, enrolment.key) lives in the /data volume.
#
#   docker build -f docker/server.Dockerfile -t ghcr.io/OWNER/cast2md-server:latest .
#   docker push ghcr.io/OWNER/cast2md-server:latest
#   docker compose -f docker/compose.yaml up -d          # with PostgreSQL
#
# Build from the repository root.

ARG BUILD_IMAGE=eclipse-temurin:17-jdk-jammy
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-jammy

# --- WAR, worker jar and a Liberty server directory, made by the same Maven build as the tests ---
FROM ${BUILD_IMAGE} AS build
WORKDIR /build
# the whole repository (see .dockerignore): WAR, liberty/ configuration, batch job XML
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl src -am -DskipTests -Dspotless.check.skip=true package \
 && ./mvnw -B -q -pl src liberty:create liberty:install-feature liberty:deploy \
 && cp worker/target/cast2md-worker.jar /build/cast2md-worker.jar

FROM ${RUNTIME_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8
# ffmpeg and pocketsphinx: for the local workers (LOCAL_WORKERS, sphinx engine); curl for the check
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg pocketsphinx pocketsphinx-en-us curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 1001 --home-dir /data cast2md \
 && mkdir -p /data && chown cast2md /data
COPY --from=build --chown=cast2md /build/src/target/liberty/wlp /opt/ol/wlp
COPY --from=build /build/cast2md-worker.jar /opt/cast2md/cast2md-worker.jar

ENV HTTP_PORT=8000 \
    CAST2MD_DATA_DIR=/data \
    CAST2MD_WORKER_JAR=/opt/cast2md/cast2md-worker.jar \
    LOCAL_WORKERS=1 \
    LOCAL_WORKER_ENGINE=sphinx
USER cast2md
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${HTTP_PORT}/api/health" >/dev/null || exit 1
CMD ["/opt/ol/wlp/bin/server", "run", "defaultServer"]
