package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkLedgerCommands times tally series, tally timeline and a
// filtered tally figures in-process — opening the ledger, querying and
// printing — on the ledger TALLY_BENCH_DB names (make a 1-million-figure
// one with the store benchmark: TALLY_BENCH_FIGURES=1000000
// TALLY_BENCH_DB=/tmp/tally-bench.db go test ./internal/store -run '^$'
// -bench Query). Process start-up is left out: it is the same for every
// command (see the README). Skips without TALLY_BENCH_DB.
func BenchmarkLedgerCommands(b *testing.B) {
	db := os.Getenv("TALLY_BENCH_DB")
	if db == "" {
		b.Skip("TALLY_BENCH_DB not set")
	}
	// The series summaries are computed once, by the first tally series
	// (as after an ingest); the benchmark times the steady state.
	if code := run([]string{"series", "--db", db}, strings.NewReader(""), io.Discard, os.Stderr); code != 0 {
		b.Fatalf("tally series: exit %d", code)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"series", []string{"series", "--db", db}},
		{"timeline", []string{"timeline", "--db", db, os.Getenv("TALLY_BENCH_SERIES")}},
		{"figures-killed-june", []string{"figures", "--db", db, "--measure", "killed", "--since", "2024-06-01", "--until", "2024-06-30"}},
		{"figures-counted", []string{"figures", "--db", db, "--counted", "Country 538", "--format", "jsonl"}},
	} {
		if tc.name == "timeline" && tc.args[3] == "" {
			tc.args[3] = "Country 538/killed"
		}
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if code := run(tc.args, strings.NewReader(""), io.Discard, os.Stderr); code != 0 {
					b.Fatalf("%v: exit %d", tc.args, code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/command")
		})
	}
}

// BenchmarkStartup times whole tally processes, start-up included: the
// binary is built once, then run b.N times per command. It reports the
// wall time per run and the peak RSS of one run. Commands that need no HTML
// extraction should not pay for it (third_party/go-dateparser/README.tally.md).
//
//	go test ./cmd/tally -run '^$' -bench Startup -benchtime 20x
//
// hyperfine gives the same figures from outside:
// hyperfine -N --warmup 3 'tally --help' 'tally extract testdata/seed.txt'
func BenchmarkStartup(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "tally")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "ledger.db")
	if out, err := exec.Command(bin, "ingest", "--quiet", "--db", db, "../../testdata/seed.txt").CombinedOutput(); err != nil {
		b.Fatalf("tally ingest: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"help", []string{"--help"}},
		{"figures", []string{"figures", "--db", db}},
		{"extract-txt", []string{"extract", "../../testdata/seed.txt"}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				if out, err := exec.Command(bin, tc.args...).CombinedOutput(); err != nil {
					b.Fatalf("tally %v: %v\n%s", tc.args, err, out)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/run")
			if kb := peakRSS(bin, tc.args); kb > 0 {
				b.ReportMetric(float64(kb)/1024, "peak-RSS-MB")
			}
		})
	}
}

// peakRSS is a tally run's peak RSS in KiB, measured by GNU time; 0 when
// /usr/bin/time is not installed. The child's own rusage would not do: Go
// starts processes with CLONE_VM, and Linux counts the parent's (the test
// binary's) resident memory into the child's high-water mark at exec.
func peakRSS(bin string, args []string) int64 {
	out, err := exec.Command("/usr/bin/time", append([]string{"-f", "peak %M", bin}, args...)...).CombinedOutput()
	if err != nil {
		return 0
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	kb, _ := strconv.ParseInt(strings.TrimPrefix(lines[len(lines)-1], "peak "), 10, 64)
	return kb
}
