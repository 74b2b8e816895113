# Rapport: `make run` starts the service, `make test` runs every test.
GO      ?= go
TAGS    := -tags nomsgpack
BIN     := bin/rapport
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/rapporthq/rapport/internal/cli.Version=$(VERSION)

.PHONY: build run demo test test-deps check-ext bench fuzz lint clean

build:
	$(GO) build $(TAGS) -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/rapport

## run: build and start on http://localhost:8080 with data under ./data
run: build
	./$(BIN) serve

## demo: add a demo coach, leader and rounds to ./data and print how to sign in (then make run)
demo: build
	./$(BIN) demo

## test: install what the tests need, then run every test
test: test-deps
	$(GO) vet $(TAGS) ./...
	$(GO) test $(TAGS) -count=1 -timeout 20m ./...

test-deps:
	@./.ci/test-deps.sh

## check-ext: the outside checkers (mailpit, pdfcpu, pa11y, Lighthouse) on a real instance (see README)
check-ext:
	@./.ci/check-ext-deps.sh
	$(GO) test -tags 'nomsgpack ext' -run TestOutsideCheckers -v -count=1 -timeout 90m ./internal/ext/

## bench: the benchmark suite (see docs/benchmarks.md)
bench:
	$(GO) test -tags 'nomsgpack bench' -run 'Bench' -v -count=1 -timeout 30m ./internal/bench/

## fuzz: run each fuzz target for FUZZTIME (seed corpora in testdata/fuzz run in every `make test`)
FUZZTIME ?= 20s
FUZZ_TARGETS := internal/web:FuzzFrameworkJSON internal/web:FuzzSurveyJSON internal/web:FuzzSurveyForm internal/store:FuzzRatersCSV internal/report:FuzzReportText internal/rapport:FuzzValidUTF8MatchesJSON
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; name=$${t##*:}; \
	  echo "fuzz $$name ($$pkg) for $(FUZZTIME)"; \
	  $(GO) test $(TAGS) -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) ./$$pkg; \
	done

## lint: formatting, vet and staticcheck
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet $(TAGS) ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(TAGS) ./...

clean:
	rm -rf bin
