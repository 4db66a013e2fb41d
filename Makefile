# make run      installs what is missing, builds in release mode, runs the pipeline on data/ with pipeline.json
# make test     installs what is missing and runs the whole test suite (swift test, then the R/Python client tests)
# make install  builds in release mode and installs etl, etl-gen and OpenCC's dictionaries under PREFIX
# make bench    generates a corpus and times the pipeline against the OpenCC+zstd floor (scripts/bench.sh)
.PHONY: setup build run test install bench clean

PREFIX ?= /usr/local
# The Swift runtime and Foundation linked in, so that the binary runs where no toolchain is.
RELEASE := swift build -c release --static-swift-stdlib

# OpenCC 1.4.2 from scripts/setup-opencc.sh comes first; without it, Debian's libopencc-dev.
export PKG_CONFIG_PATH := $(CURDIR)/.deps/opencc/lib/pkgconfig$(if $(PKG_CONFIG_PATH),:$(PKG_CONFIG_PATH),)

setup:
	@bash scripts/setup.sh

build: setup
	$(RELEASE) --product etl

run: build
	.build/release/etl run --config pipeline.json

test: setup
	swift test
	bash scripts/client-tests.sh

install: build
	$(RELEASE) --product etl-gen
	bash scripts/install.sh "$(PREFIX)" "$$($(RELEASE) --show-bin-path)"

bench: setup
	bash scripts/bench.sh

clean:
	rm -rf .build out
