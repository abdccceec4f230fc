package jobs_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
)

// BenchmarkWorkers measures documents/s with 1, 2 and 4 worker processes
// (each running one job at a time) on one PostgreSQL ledger: 2,400
// generated documents in JSONL files and WARC slices. Run with
// -benchtime 1x.
func BenchmarkWorkers(b *testing.B) {
	if os.Getenv("TALLY_TEST_POSTGRES") == "" {
		b.Skip("TALLY_TEST_POSTGRES is not set; run: source .ci/postgres.sh")
	}
	dir := b.TempDir()
	in := generate(b, dir, sizes{jsonlFiles: 24, perFile: 50, warcPages: 1200})
	defer in.close()
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
			for range b.N {
				dsn := pgSchema(b)
				ctx := context.Background()
				st, err := store.Open(ctx, dsn)
				if err != nil {
					b.Fatal(err)
				}
				q, err := jobs.Open(ctx, dsn, jobs.Config{})
				if err != nil {
					b.Fatal(err)
				}
				planned := jobs.Plan(in.srcs, base, 16<<10, func(err error) { b.Fatal(err) })
				args := make([]river.JobArgs, len(planned))
				for i, a := range planned {
					args[i] = a
				}
				if _, _, err := q.Enqueue(ctx, args); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				var procs []*exec.Cmd
				for range n {
					cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
					cmd.Env = append(os.Environ(), "TALLY_JOBS_TEST_WORKER="+dsn)
					cmd.Stderr = os.Stderr
					if err := cmd.Start(); err != nil {
						b.Fatal(err)
					}
					procs = append(procs, cmd)
				}
				for {
					c, err := q.Counts(ctx, "tally_ingest")
					if err != nil {
						b.Fatal(err)
					}
					if c.Waiting()+c["running"] == 0 {
						break
					}
					time.Sleep(100 * time.Millisecond)
				}
				elapsed := time.Since(start)
				for _, p := range procs {
					p.Process.Signal(syscall.SIGTERM)
					p.Wait()
				}
				s, _ := st.Stats(ctx)
				b.ReportMetric(float64(s.Documents)/elapsed.Seconds(), "docs/s")
				b.ReportMetric(float64(s.Documents), "docs")
				q.Close()
				st.Close()
			}
		})
	}
}
