package main

import (
	"io"
	"os"
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
