# Academy: the two commands a newcomer needs are `make run` and `make test`.
GO        ?= go
BIN       ?= bin/academy
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/academy-platform/academy/internal/app.Version=$(VERSION)
export CGO_ENABLED ?= 0

.PHONY: run build test test-short fuzz bench loadtest faults lint fmt clean

## run: build and start Academy on SQLite (./data/academy.db) with the demo organisations
run: build
	./$(BIN) serve --demo

## build: build the single academy binary into bin/
build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/academy

## test: the whole suite; on PostgreSQL too when ACADEMY_TEST_POSTGRES_URL is set; then a
## short run of every fuzz target
test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 30m ./...
	$(MAKE) fuzz FUZZTIME=5s

# Every fuzz target, as package:Target. Their seed corpora also run in every `go test`.
FUZZ_TARGETS := \
	./internal/identity:FuzzParsePeopleCSV \
	./internal/assessment:FuzzParseResponses \
	./internal/assessment/instrument:FuzzParse \
	./internal/courses:FuzzLoadQuiz \
	./internal/api:FuzzDecodeStrict \
	./internal/badges/jcs:FuzzCanonicalize
FUZZTIME ?= 30s

## fuzz: run each fuzz target for FUZZTIME (default 30s)
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($$pkg, $(FUZZTIME))"; \
		$(GO) test $$pkg -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

## test-short: the suite without the browser tests
test-short:
	$(GO) test -count=1 -short ./...

## bench: Go benchmarks (performance targets live in docs/performance.md)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## loadtest: simulate LEARNERS learners (CONCURRENCY at a time) and coaches against a
## running server at LOADTEST_URL that uses the same ACADEMY_DATABASE_URL, then check the
## database; prints throughput and p50/p95/p99 per step
LOADTEST_URL ?= http://127.0.0.1:8080
LEARNERS ?= 200
CONCURRENCY ?= 50
loadtest: build
	./$(BIN) loadtest --url $(LOADTEST_URL) --learners $(LEARNERS) --concurrency $(CONCURRENCY)

## faults: kill -9, PostgreSQL restart and SIGTERM during load, and a read-only SQLite
## database, each followed by the database check (needs a local PostgreSQL it may restart)
faults: build
	bash scripts/faults.sh

## lint: go vet, gofmt and staticcheck
lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

## fmt: format the code
fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
