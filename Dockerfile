# The container image, built from the release tarball (never from the sources: the image runs what was smoke-tested):
#   scripts/release && docker build --build-arg VERSION=$(cat VERSION) -t verilock:$(cat VERSION) .
# Not built on the machine this was written on (it has no Docker engine): docs/deploy.md says what was run.
FROM debian:12-slim
ARG VERSION
# libgtk-3-0: the bundled OpenCV library links it (its windows are never used); curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libgtk-3-0 ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /var/lib/verilock --shell /usr/sbin/nologin verilock \
 && install -d -m 0700 -o verilock -g verilock /var/lib/verilock
ADD dist/verilock-${VERSION}-linux-x64.tar.gz /opt/
RUN mv /opt/verilock-${VERSION}-linux-x64 /opt/verilock
USER verilock
WORKDIR /var/lib/verilock
ENV VERILOCK_DATA_DIR=/var/lib/verilock \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /var/lib/verilock
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["/opt/verilock/verilock"]
# Listening on every interface inside the container requires VERILOCK__PUBLICBASEURL (the server refuses otherwise).
CMD ["serve", "--urls", "http://0.0.0.0:8080"]
