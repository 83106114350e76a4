# cast2md worker, CUDA image: what a RunPod pod runs. Everything is in the image, so a pod installs
# nothing at start (the seed pip-installed an unpinned branch at every boot).
#
#   docker build -f docker/worker-cuda.Dockerfile -t ghcr.io/OWNER/cast2md-worker:cuda12 .
#   docker push ghcr.io/OWNER/cast2md-worker:cuda12
#
# Build from the repository root. The Parakeet model is downloaded from Hugging Face while the image
# is built (HF_TOKEN as a build secret if the host is rate limited:
#   docker build --secret id=hf_token,env=HF_TOKEN ...).
# Start command: /opt/cast2md/pod-start.sh (the server's RunPod template sets it too).

# Pinned, not "latest": an unpinned GPU stack is what made the seed's image unbuildable.
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-runtime-ubuntu22.04
ARG JRE_IMAGE=eclipse-temurin:21-jre-jammy
ARG TAILSCALE_IMAGE=tailscale/tailscale:v1.82.5
ARG BUILD_IMAGE=eclipse-temurin:17-jdk-jammy
ARG MODELS="parakeet-tdt-0.6b-v3"

# --- the worker jar with ONNX Runtime's CUDA natives (-Pcuda: onnxruntime_gpu) ---
FROM ${BUILD_IMAGE} AS build
WORKDIR /build
# the whole repository (see .dockerignore): the reactor needs every module's pom
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl protocol,worker -am -Pcuda -DskipTests -Dspotless.check.skip=true package \
 && cp worker/target/cast2md-worker.jar /build/cast2md-worker.jar

# --- the models, fetched with the worker's own downloader (checksums verified) ---
FROM build AS models
ARG MODELS
RUN --mount=type=secret,id=hf_token \
    HF_TOKEN="$(cat /run/secrets/hf_token 2>/dev/null || true)" \
    java -cp /build/cast2md-worker.jar dev.cast2md.worker.engine.models.ModelPrefetch \
      /models ${MODELS}

FROM ${TAILSCALE_IMAGE} AS tailscale
FROM ${JRE_IMAGE} AS jre

# --- the pod image ---
FROM ${CUDA_IMAGE}
ENV DEBIAN_FRONTEND=noninteractive \
    JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    LANG=C.UTF-8
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg curl ca-certificates iproute2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
COPY --from=tailscale /usr/local/bin/tailscaled /usr/local/bin/tailscale /usr/local/bin/
COPY --from=build /build/cast2md-worker.jar /opt/cast2md/cast2md-worker.jar
COPY --from=models /models /opt/cast2md/models
COPY docker/pod-start.sh /opt/cast2md/pod-start.sh
# fails the build when the jar does not run on this JRE
RUN chmod 755 /opt/cast2md/pod-start.sh \
 && java -jar /opt/cast2md/cast2md-worker.jar --help >/dev/null

# The baked models are used as they are; other models are still downloaded on demand.
# NODE_DEVICE=cuda: a pod whose GPU does not work fails its setup (and is terminated) instead of
# transcribing slowly on its CPU. Whisper on CUDA needs a whisper.cpp v1.7.1 CUDA build in
# WHISPER_LIBDIR, which this image does not carry: it serves Parakeet.
ENV CAST2MD_WORKER_JAR=/opt/cast2md/cast2md-worker.jar \
    NODE_DEVICE=cuda \
    NODE_MODEL_BAKED_DIR=/opt/cast2md/models \
    NODE_MODEL_CACHE=/root/.cache/cast2md/models \
    NODE_WORK_DIR=/tmp/cast2md-work \
    TRANSCRIPTION_BACKEND=parakeet \
    WHISPER_MODEL=parakeet-tdt-0.6b-v3

CMD ["/opt/cast2md/pod-start.sh"]
