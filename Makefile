# make run   installs what is missing, builds in release mode, runs the pipeline on data/ with pipeline.json
# make test  installs what is missing and runs the whole test suite
.PHONY: setup build run test clean

setup:
	@bash scripts/setup.sh

build: setup
	swift build -c release --product etl

run: build
	.build/release/etl run --config pipeline.json

test: setup
	swift test

clean:
	rm -rf .build out
