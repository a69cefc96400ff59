# permdocs as an image: a build stage on the official Swift image runs `make dist` (static Swift
# runtime, libyaml and libcmark; the Microsoft data compiled in), and the runtime stage is Debian
# slim holding only /usr/local/bin/permdocs. Not built in this repository's CI, which cannot pull
# images (README "Install").
#
#   docker build -t permdocs .
#   docker run --rm -v "$PWD:/repo" -w /repo permdocs check --client . --content docs/permdocs

FROM swift:6.1-bookworm AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      make pkg-config libyaml-dev libcmark-dev binutils \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The whole package (Package.swift names the test targets' folders too); .dockerignore keeps build
# output, the site and .git out.
COPY . .
RUN make dist

FROM debian:bookworm-slim
COPY --from=build /src/dist/permdocs /usr/local/bin/permdocs
RUN useradd --system --no-create-home permdocs
USER permdocs
WORKDIR /repo
ENTRYPOINT ["/usr/local/bin/permdocs"]
CMD ["--help"]
