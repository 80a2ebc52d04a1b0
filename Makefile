# orbis - GNU Makefile. `make run` and `make test` install what is missing
# (tools/deps.sh), build, and run. See README.md.

CC      ?= cc
PREFIX  ?= /usr/local
BUILD   ?= build
# -O3 (bit-identical to -O2 here: the goldens are byte-for-byte the same) with
# floating-point contraction off, so results do not depend on the compiler's
# fused multiply-adds; NATIVE=1 adds -march=native (ties the binary to this CPU).
OPT     ?= -O3 -ffp-contract=off
ifeq ($(NATIVE),1)
OPT     += -march=native
endif
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wundef -Werror
CFLAGS  ?= $(OPT) -g
ALLCFLAGS := -std=c11 -pthread $(WARN) $(CFLAGS) $(XCFLAGS)
LDLIBS  := -ligraph -lgsl -lgslcblas -lyaml -lsqlite3 -lm -pthread

# Where the raw data sets (ORBIS_DATA) and the shipped tables live.
ORBIS_DATA   ?= $(abspath $(CURDIR)/../shared/data)
ORBIS_TABLES ?= $(abspath $(CURDIR)/data)
export ORBIS_DATA ORBIS_TABLES

LIB_SRC := $(wildcard src/*.c)
CLI_SRC := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
BENCH_SRC := $(wildcard bench/bench_*.c)
EXAMPLE_SRC := $(wildcard examples/*.c)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
EXAMPLE_BIN := $(EXAMPLE_SRC:examples/%.c=$(BUILD)/examples/%)

LIB := $(BUILD)/liborbis.a
CLI := $(BUILD)/orbis

.PHONY: all lib cli test check bless asan tsan mpi debug bench run calibrate deps install fmt-check data clean \
        fuzz coverage

all: lib cli $(EXAMPLE_BIN)

lib: $(LIB)
cli: $(CLI)

# The library sees its private headers; everything else sees only include/.
$(BUILD)/src/%.o: src/%.c $(wildcard src/*.h) $(wildcard include/orbis/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Iinclude -Isrc -c $< -o $@

$(BUILD)/cli/%.o: cli/%.c $(wildcard cli/*.h) $(wildcard include/orbis/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Iinclude -DORB_DEFAULT_DATA='"$(ORBIS_DATA)"' \
	    -DORB_DEFAULT_TABLES='"$(ORBIS_TABLES)"' -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(CLI): $(CLI_OBJ) $(LIB)
	$(CC) $(ALLCFLAGS) $(CLI_OBJ) $(LIB) $(LDLIBS) -o $@

# Unit tests are white-box: they may include src/orb_int.h. test_noalloc
# counts the library's allocations through the linker's --wrap.
$(BUILD)/tests/test_noalloc: TEST_LDFLAGS = -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
$(BUILD)/tests/%: tests/unit/%.c tests/testutil.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Iinclude -Isrc $< $(LIB) $(LDLIBS) $(TEST_LDFLAGS) -o $@

# Examples see only the public headers, like any program using the library.
$(BUILD)/examples/%: examples/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Iinclude $< $(LIB) $(LDLIBS) -o $@

$(BUILD)/bench/%: bench/%.c bench/bench.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -Iinclude $< $(LIB) $(LDLIBS) -o $@

deps:
	@sh tools/deps.sh

# Builds and test programs run on every core (JOBS to change).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
export JOBS

test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all $(TEST_BIN)
	@if command -v $(MPICC) >/dev/null 2>&1; then $(MAKE) --no-print-directory mpi >/dev/null; fi
	@sh tests/run.sh $(BUILD)

check: test

# Re-record the CLI golden outputs from the program as it is (a summary of
# what changed); NAMES='a b' for some only. Review `git diff tests/cli`.
bless: all
	@sh tests/bless.sh $(BUILD) $(NAMES)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer, with
# the debug invariant checks (ORB_DEBUG: orb_run_check after every phase).
asan: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build-asan OPT=-O1 \
	    XCFLAGS='-DORB_DEBUG -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all' \
	    LDLIBS='-ligraph -lgsl -lgslcblas -lyaml -lsqlite3 -lm -pthread -fsanitize=address,undefined' all \
	    $(TEST_SRC:tests/unit/%.c=build-asan/tests/%)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build-asan

# The two-thread test under ThreadSanitizer (runs of one shared world in
# parallel threads; igraph is called behind the library's lock).
tsan: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build-tsan OPT=-O1 \
	    XCFLAGS='-fsanitize=thread -fno-omit-frame-pointer' \
	    LDLIBS='-ligraph -lgsl -lgslcblas -lyaml -lsqlite3 -lm -pthread -fsanitize=thread' \
	    build-tsan/tests/test_threads
	@TSAN_OPTIONS='halt_on_error=1' build-tsan/tests/test_threads >build-tsan/threads.log 2>&1; \
	    rc=$$?; grep -E '^(FAIL|WARNING: ThreadSanitizer)' build-tsan/threads.log; tail -1 build-tsan/threads.log; exit $$rc

# The program built with Open MPI (build/orbis-mpi): `mpirun -np K
# build/orbis-mpi run ...` splits an ensemble's runs across K ranks. Built
# when mpicc is there (make deps installs Open MPI); the default build has
# no MPI.
MPICC ?= mpicc
mpi: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build-mpi CC=$(MPICC) XCFLAGS=-DORB_MPI \
	    build-mpi/orbis
	@cp build-mpi/orbis $(BUILD)/orbis-mpi

# The whole suite in a debug build (ORB_DEBUG invariant checks, no optimisation).
debug: deps
	@$(MAKE) --no-print-directory BUILD=build-debug OPT=-O0 XCFLAGS=-DORB_DEBUG all \
	    $(TEST_SRC:tests/unit/%.c=build-debug/tests/%)
	@sh tests/run.sh build-debug

bench: deps all $(BENCH_BIN)
	@for b in $(BENCH_BIN); do $$b || exit 1; done
	@if command -v $(MPICC) >/dev/null 2>&1; then $(MAKE) --no-print-directory mpi >/dev/null && \
	    sh bench/bench_mpi.sh $(BUILD); fi

# The main job: an ensemble of the shipped scenario, sized to take about half
# a minute on two cores; the summary, and the store in build/.
RUNS ?= 800
run: deps all
	@rm -f $(BUILD)/beijing-2024.db
	$(CLI) run scenarios/beijing-2024.yaml --runs $(RUNS) --out $(BUILD)/beijing-2024.db

# Re-estimate the empirical parameters from ORBIS_DATA (the table's defaults).
calibrate: deps all
	$(CLI) calibrate

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/orbis \
	    $(DESTDIR)$(PREFIX)/share/orbis/data
	$(MAKE) --no-print-directory BUILD=build-install ORBIS_TABLES=$(PREFIX)/share/orbis/data cli
	install -m 755 build-install/orbis $(DESTDIR)$(PREFIX)/bin/orbis
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/liborbis.a
	install -m 644 include/orbis/*.h $(DESTDIR)$(PREFIX)/include/orbis/
	install -m 644 data/*.csv data/README.md $(DESTDIR)$(PREFIX)/share/orbis/data/
	install -d $(DESTDIR)$(PREFIX)/share/orbis/scenarios
	install -m 644 scenarios/*.yaml $(DESTDIR)$(PREFIX)/share/orbis/scenarios/

# libFuzzer targets (fuzz/README.md): the library built with clang, ASan, UBSan
# and the debug checks; each target runs FUZZ_SECONDS on its committed seeds
# (fuzz/corpus/T), keeping new inputs in build-fuzz/corpus/T; FUZZ_TARGETS
# for some only. A crash's input lands in build-fuzz/crash/ and fails the make.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build-fuzz CC=clang OPT=-O1 \
	    XCFLAGS='-DORB_DEBUG $(FUZZ_SAN) -fsanitize=fuzzer-no-link' lib
	@mkdir -p build-fuzz/fuzz
	@for t in $(FUZZ_TARGETS); do \
	    clang -std=c11 -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer -Iinclude -Isrc \
	        -DFUZZ_TABLES='"$(ORBIS_TABLES)"' -DFUZZ_DATA='"$(ORBIS_DATA)"' fuzz/$$t.c \
	        build-fuzz/liborbis.a $(LDLIBS) -o build-fuzz/fuzz/$$t || exit 1; done
	@sh fuzz/run.sh build-fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Line and branch coverage of src/ by the whole suite (gcov; lcov when
# installed for the HTML report in build-cov/html).
coverage: deps
	@$(MAKE) --no-print-directory -j$(JOBS) BUILD=build-cov OPT=-O0 XCFLAGS='--coverage' \
	    LDLIBS='$(LDLIBS) --coverage' all $(TEST_SRC:tests/unit/%.c=build-cov/tests/%)
	@find build-cov -name '*.gcda' -delete
	@sh tests/run.sh build-cov >build-cov/suite.log 2>&1; tail -1 build-cov/suite.log
	@sh tools/coverage.sh build-cov

# Rebuild data/ from the raw sets (ORBIS_DATA).
data:
	python3 tools/build_data.py --data $(ORBIS_DATA) --out data

fmt-check:
	clang-format --dry-run --Werror src/*.[ch] include/orbis/*.h cli/*.[ch] tests/*.h tests/unit/*.c bench/*.[ch] examples/*.c \
	    fuzz/*.[ch]

clean:
	rm -rf build build-asan build-tsan build-mpi build-debug build-install build-fuzz build-cov
