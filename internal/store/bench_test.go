package store

// Benchmarks on generated ledgers (gen_test.go): 10 figures a document over
// 10,010 series (910 counted × 11 measures) and 500 sources, dates spread
// over three years. They run on SQLite, and on PostgreSQL too when
// TALLY_TEST_POSTGRES is set.
//
//	BenchmarkAdd: documents/s into an empty ledger, one writer; -benchtime
//	100000x adds 1 million figures.
//	BenchmarkAddParallel: the same with 4 writers.
//	BenchmarkQuery: latency of each query on a ledger of
//	TALLY_BENCH_FIGURES figures (default 20,000, so that a plain -bench
//	run stays short); TALLY_BENCH_DB=FILE keeps the SQLite ledger between
//	runs (built when missing or of another size).
//
// The README's numbers:
//
//	go test ./internal/store -run '^$' -bench Add -benchtime 100000x -timeout 2h
//	TALLY_BENCH_FIGURES=1000000 TALLY_BENCH_DB=/tmp/tally-bench.db \
//	  go test ./internal/store -run '^$' -bench Query -timeout 2h

import (
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const benchFigsPerDoc = 10

type benchBackend struct {
	name string
	dsn  func(b *testing.B) string // a new, empty ledger
}

func benchBackends(b *testing.B) []benchBackend {
	bs := []benchBackend{{"sqlite", func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") }}}
	if os.Getenv(pgEnv) != "" {
		bs = append(bs, benchBackend{"postgres", func(b *testing.B) string { return pgSchema(b) }})
	}
	return bs
}

// addDocs adds generated documents from..to-1 with the given number of
// writers and returns how long it took.
func addDocs(b testing.TB, st Store, from, to, writers int) time.Duration {
	start := time.Now()
	var next atomic.Int64
	next.Store(int64(from))
	var wg sync.WaitGroup
	var failed atomic.Value
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= to || failed.Load() != nil {
					return
				}
				d, f := genDoc(i, benchFigsPerDoc)
				if _, err := st.Add(ctx, d, f); err != nil {
					failed.Store(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := failed.Load(); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

func benchAdd(b *testing.B, writers int) {
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			st, err := Open(ctx, be.dsn(b))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			b.ResetTimer()
			took := addDocs(b, st, 0, b.N, writers)
			b.StopTimer()
			b.ReportMetric(float64(b.N)/took.Seconds(), "docs/s")
			b.ReportMetric(float64(b.N*benchFigsPerDoc)/took.Seconds(), "figures/s")
		})
	}
}

func BenchmarkAdd(b *testing.B)         { benchAdd(b, 1) }
func BenchmarkAddParallel(b *testing.B) { benchAdd(b, 4) }

// benchLedger opens a ledger of n figures, building it when needed.
func benchLedger(b *testing.B, be benchBackend, n int) Store {
	dsn := ""
	if be.name == "sqlite" {
		dsn = os.Getenv("TALLY_BENCH_DB")
	}
	if dsn == "" {
		dsn = be.dsn(b)
	}
	st, err := Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	docs := n / benchFigsPerDoc
	if stats.Documents > docs {
		b.Fatalf("%s holds %d documents, more than the %d asked for; remove it", dsn, stats.Documents, docs)
	}
	if stats.Documents < docs {
		b.Logf("%s: building a ledger of %d figures …", be.name, n)
		took := addDocs(b, st, stats.Documents, docs, 4)
		b.Logf("%s: %d documents in %v: %.0f docs/s", be.name, docs-stats.Documents, took.Round(time.Millisecond),
			float64(docs-stats.Documents)/took.Seconds())
	}
	return st
}

func BenchmarkQuery(b *testing.B) {
	n := 20000
	if v := os.Getenv("TALLY_BENCH_FIGURES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("TALLY_BENCH_FIGURES=%q: %v", v, err)
		}
	}
	for _, be := range benchBackends(b) {
		b.Run(be.name, func(b *testing.B) {
			st := benchLedger(b, be, n)
			defer st.Close()
			d0, _ := genDoc(0, benchFigsPerDoc)
			rare := queryWords(d0.Text)[0] // a filler word of document 0
			mid, _ := genDoc(n/benchFigsPerDoc/2, benchFigsPerDoc)
			since := mid.Published
			until := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1100).Format("2006-01-02")
			for _, q := range []struct {
				name string
				run  func() (int, error)
			}{
				{"figures/newest-100", figures(st, Filter{Limit: 100})},
				{"figures/measure-100", figures(st, Filter{Measure: "killed", Limit: 100})},
				{"figures/measure-since-until-100", figures(st, Filter{Measure: "killed", Since: since, Until: until, Limit: 100})},
				{"figures/counted-100", figures(st, Filter{Counted: "Country 123", Limit: 100})},
				{"figures/counted-all", figures(st, Filter{Counted: "Country 123"})},
				{"figures/source-100", figures(st, Filter{Source: "Agency 042", Limit: 100})},
				{"figures/source-since-100", figures(st, Filter{Source: "Agency 042", Since: since, Limit: 100})},
				{"figures/measure-counted-source", figures(st, Filter{Measure: "killed", Counted: "Country 123", Source: "Agency 042"})},
				{"figures/series-all", figures(st, Filter{Series: "Country 123/killed"})},
				{"figures/search-rare-100", figures(st, Filter{Query: rare, Limit: 100})},
				{"figures/search-common-100", figures(st, Filter{Query: "prisoner", Limit: 100})},
				{"reports", func() (int, error) { r, err := st.Reports(ctx, "Country 123/killed"); return len(r), err }},
				{"series", func() (int, error) { s, err := st.Series(ctx); return len(s), err }},
				{"stats", func() (int, error) { s, err := st.Stats(ctx); return s.Figures, err }},
				{"document", func() (int, error) { _, r, err := st.Document(ctx, "gen-0000007"); return len(r), err }},
				{"hasurl", func() (int, error) {
					ok, err := st.HasURL(ctx, "https://news7.example.org/story/7")
					return map[bool]int{true: 1}[ok], err
				}},
			} {
				b.Run(q.name, func(b *testing.B) {
					rows := 0
					for b.Loop() {
						n, err := q.run()
						if err != nil {
							b.Fatal(err)
						}
						rows = n
					}
					b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
					b.ReportMetric(float64(rows), "rows")
				})
			}
		})
	}
}

func figures(st Store, f Filter) func() (int, error) {
	return func() (int, error) {
		r, err := st.Figures(ctx, f)
		return len(r), err
	}
}
