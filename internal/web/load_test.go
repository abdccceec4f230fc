package web

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/store"
)

// BenchmarkServeUnderIngest is the load test: concurrent clients read the
// series and search endpoints (API and pages) of a demo server on the
// loopback interface while an ingest adds documents through the Ingester
// without pause. It reports throughput, the ingest rate, and p50/p99
// latency per group of endpoints: the series list (API and page), one
// series (its timeline and its page) and search (API and page):
//
//	go test -run X -bench ServeUnderIngest -benchtime 3000x ./internal/web/
//
// Clients: 4 × GOMAXPROCS goroutines (b.SetParallelism). One operation is
// one request. Two writers: "api" posts one document at a time to the
// server's Ingester (a commit and a series refresh each), "batch" is a
// `tally ingest` beside the server — another store on the same file,
// committing a batch a second through ingest.Writer.
func BenchmarkServeUnderIngest(b *testing.B) {
	b.Run("writer=api", func(b *testing.B) { benchServeUnderIngest(b, false) })
	b.Run("writer=batch", func(b *testing.B) { benchServeUnderIngest(b, true) })
}

func benchServeUnderIngest(b *testing.B, batch bool) {
	f := newFixture(b, Options{LoopbackOnly: true})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	type endpoint struct{ group, path string }
	endpoints := []endpoint{
		{"series", timelinePath(ncSeries)},
		{"list", "/api/series"},
		{"search", "/api/figures?q=killed&limit=50"},
		{"series", seriesPath(ncSeries)},
		{"list", "/series"},
		{"search", "/?q=wounded+soldiers"},
		{"search", "/api/figures?measure=casualties&counted=North+Korea&since=2024-12-01"},
	}

	// The ingest runs for the whole measurement.
	stop := make(chan struct{})
	var ingested atomic.Int64
	var ingestErr atomic.Value
	var wg sync.WaitGroup
	wg.Add(1)
	add := func(d claim.Document) error {
		sum, err := f.ing.IngestDocuments(ctx, []claim.Document{d})
		if err == nil && sum.Failed > 0 {
			err = fmt.Errorf("%+v", sum.Items)
		}
		return err
	}
	if batch {
		st, err := store.Open(ctx, f.dbPath)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		w := ingest.NewWriter(st, ingest.DefaultBatch, func(_ gather.Item, o store.Outcome) {
			if o.Err != nil {
				ingestErr.Store(o.Err.Error())
			}
		})
		defer w.Flush(ctx)
		add = func(d claim.Document) error {
			w.Add(ctx, gather.Item{Doc: d}, store.Entry{Doc: d, Figs: pipeline.Extract(d)})
			return nil
		}
	}
	go func() {
		defer wg.Done()
		r := rand.New(rand.NewPCG(1, 2))
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := add(loadDoc(r, i)); err != nil {
				ingestErr.Store(err.Error())
				return
			}
			ingested.Add(1)
		}
	}()

	type sample struct {
		group string
		d     time.Duration
	}
	var mu sync.Mutex
	var samples []sample
	var next atomic.Int64
	var failures atomic.Int64
	b.SetParallelism(4)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var local []sample
		for pb.Next() {
			e := endpoints[int(next.Add(1))%len(endpoints)]
			t0 := time.Now()
			resp, err := client.Get(f.ts.URL + e.path)
			if err != nil {
				failures.Add(1)
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				failures.Add(1)
			}
			local = append(local, sample{e.group, time.Since(t0)})
		}
		mu.Lock()
		samples = append(samples, local...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	close(stop)
	wg.Wait()
	if v := ingestErr.Load(); v != nil {
		b.Fatalf("ingest failed: %v", v)
	}
	if n := failures.Load(); n > 0 {
		b.Fatalf("%d requests failed", n)
	}
	b.ReportMetric(float64(len(samples))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(ingested.Load())/elapsed.Seconds(), "ingest-docs/s")
	for _, g := range []string{"list", "series", "search"} {
		var ds []time.Duration
		for _, s := range samples {
			if s.group == g {
				ds = append(ds, s.d)
			}
		}
		if len(ds) == 0 {
			continue
		}
		slices.Sort(ds)
		b.ReportMetric(ms(ds[len(ds)/2]), g+"-p50-ms")
		b.ReportMetric(ms(ds[min(len(ds)-1, len(ds)*99/100)]), g+"-p99-ms")
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// loadDoc writes a short wire report with figures for the load test's
// ingest: new text each time (so nothing is a duplicate), some of it in
// the series the clients read, so that series grows while they read it.
func loadDoc(r *rand.Rand, i int) claim.Document {
	places := []string{"Kursk", "Zaporizhzhia", "the northern province", "the border region", "the capital"}
	agencies := []string{"the health ministry", "local police", "the Red Cross", "the UN refugee agency", "the defence ministry"}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(60)).Format("2006-01-02")
	text := fmt.Sprintf("Report %d on the fighting\n", i) +
		fmt.Sprintf("At least %d people were killed in %s on Monday, %s said.\n", 5+r.IntN(500), places[r.IntN(len(places))], agencies[r.IntN(len(agencies))]) +
		fmt.Sprintf("About %d more were wounded, it added.\n", 10+r.IntN(2000))
	if i%3 == 0 {
		text += fmt.Sprintf("More than %d North Korean soldiers have been killed or wounded, South Korea's Joint Chiefs of Staff said.\n", 1000+r.IntN(4000))
	}
	return claim.Document{ID: fmt.Sprintf("load-%d", i), URL: "https://example.org/load/" + url.PathEscape(fmt.Sprint(i)),
		Title: fmt.Sprintf("Report %d", i), Publisher: "Example Wire", Published: day, Language: "en", Text: text}
}
