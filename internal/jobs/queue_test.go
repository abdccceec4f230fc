package jobs_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
)

// fastRetry retries a failed job at once, so bad input is discarded
// within the test.
type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(50 * time.Millisecond) }

// testConfig: short timeouts, so a killed worker's jobs are rescued
// within the test (River's rescuer looks every 30 s).
func testConfig(concurrency int, l *jobs.Ledger) jobs.Config {
	return jobs.Config{Concurrency: concurrency, Workers: jobs.Workers(l), JobTimeout: 20 * time.Second,
		RescueAfter: 21 * time.Second, RetryPolicy: fastRetry{}, PollInterval: 50 * time.Millisecond}
}

var base = jobs.IngestArgs{AllowPrivate: true} // httptest serves on loopback

// reference ingests srcs in one process, as plain `tally ingest` does.
func reference(t *testing.T, srcs []string) []string {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "ref.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum := ingest.Run(context.Background(), st, srcs, ingest.Options{Gather: gather.Options{Fetch: fetch.Options{AllowPrivate: true}, Workers: 2}}, nil)
	t.Logf("single process: %s", sum)
	return dump(t, st)
}

// enqueue plans and queues srcs; WARC slices of 16 KiB (some 10 pages).
func enqueue(t *testing.T, q *jobs.Queue, srcs []string) int {
	t.Helper()
	planned := jobs.Plan(srcs, base, 16<<10, func(err error) { t.Errorf("planning: %v", err) })
	args := make([]river.JobArgs, len(planned))
	for i, a := range planned {
		args[i] = a
	}
	queued, skipped, err := q.Enqueue(context.Background(), args)
	if err != nil || skipped != 0 {
		t.Fatalf("Enqueue: %d queued, %d skipped, %v", queued, skipped, err)
	}
	// Queued again while waiting: the same jobs, skipped.
	if _, skipped, _ := q.Enqueue(context.Background(), args[:3]); skipped != 3 {
		t.Errorf("queued again: %d skipped, want 3", skipped)
	}
	return queued
}

// waitDone waits until no job is left to run.
func waitDone(t *testing.T, q *jobs.Queue, timeout time.Duration) jobs.Counts {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		c, err := q.Counts(context.Background(), "tally_ingest")
		if err != nil {
			t.Fatal(err)
		}
		if c.Waiting()+c["running"] == 0 {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("jobs not done after %s: %v", timeout, c)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// checkQueue checks the end state: every job done but the bad inputs',
// discarded with errors naming them.
func checkQueue(t *testing.T, q *jobs.Queue, c jobs.Counts, queued int) {
	t.Helper()
	if c["completed"] != queued-2 || c["discarded"] != 2 {
		t.Errorf("jobs by state: %v; want %d completed, 2 discarded", c, queued-2)
	}
	fails, err := q.Failures(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, f := range fails {
		inputs = append(inputs, f.Input)
		if f.Attempts != 5 || !strings.Contains(f.Error, filepath.Base(f.Input)) {
			t.Errorf("failed job %d: %d attempts, error %q", f.ID, f.Attempts, f.Error)
		}
	}
	if all := strings.Join(inputs, " "); len(fails) != 2 || !strings.Contains(all, "broken.jsonl") || !strings.Contains(all, "/p/404") {
		t.Errorf("failed jobs: %q; want broken.jsonl and /p/404", inputs)
	}
}

// Two workers in one process on a SQLite ledger store what one plain
// ingest stores, row for row.
func TestQueueSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests some thousand documents")
	}
	dir := t.TempDir()
	in := generate(t, dir, sizes{jsonlFiles: 4, perFile: 150, urls: 120, feedItems: 60, warcPages: 500})
	defer in.close()
	want := reference(t, in.srcs)
	if len(want) < 2*(in.docs-1) {
		t.Fatalf("the single-process ledger has %d rows for %d documents", len(want), in.docs)
	}

	ctx := context.Background()
	dsn := filepath.Join(dir, "queue.db")
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var qs []*jobs.Queue
	for range 2 {
		l := &jobs.Ledger{Store: st}
		q, err := jobs.Open(ctx, dsn, testConfig(1, l))
		if err != nil {
			t.Fatal(err)
		}
		defer q.Close()
		qs = append(qs, q)
	}
	queued := enqueue(t, qs[0], in.srcs)
	start := time.Now()
	for _, q := range qs {
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	c := waitDone(t, qs[0], 3*time.Minute)
	t.Logf("%d jobs by 2 workers in %s", queued, time.Since(start).Round(time.Millisecond))
	for _, q := range qs {
		if err := q.Stop(ctx); err != nil {
			t.Error(err)
		}
	}
	checkQueue(t, qs[0], c, queued)
	compare(t, dump(t, st), want)
}

// TestMain runs a worker process when the PostgreSQL test starts the test
// binary as one.
func TestMain(m *testing.M) {
	if dsn := os.Getenv("TALLY_JOBS_TEST_WORKER"); dsn != "" {
		os.Exit(childWorker(dsn))
	}
	os.Exit(m.Run())
}

func childWorker(dsn string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	defer st.Close()
	l := &jobs.Ledger{Store: st}
	q, err := jobs.Open(ctx, dsn, testConfig(1, l))
	if err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	defer q.Close()
	if err := jobs.Run(ctx, q, l, 5*time.Second, nil, time.Hour, func(string, ...any) {}); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// Three worker processes on PostgreSQL, one killed with SIGKILL mid-run,
// store what one plain ingest stores, row for row: the killed worker's
// jobs are rescued and finished by the others.
func TestQueuePostgresKill(t *testing.T) {
	dsn := pgSchema(t)
	if testing.Short() {
		t.Skip("ingests some thousand documents")
	}
	dir := t.TempDir()
	in := generate(t, dir, sizes{jsonlFiles: 6, perFile: 200, urls: 150, feedItems: 100, warcPages: 800})
	defer in.close()
	want := reference(t, in.srcs)
	if len(want) < 2*(in.docs-1) {
		t.Fatalf("the single-process ledger has %d rows for %d documents", len(want), in.docs)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q, err := jobs.Open(ctx, dsn, jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	queued := enqueue(t, q, in.srcs)
	start := time.Now()
	var procs []*exec.Cmd
	for range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "TALLY_JOBS_TEST_WORKER="+dsn)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
	}
	defer func() {
		for _, p := range procs[1:] {
			p.Process.Signal(syscall.SIGTERM)
			p.Wait()
		}
	}()
	// Kill the first worker once a quarter of the documents are in.
	for {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Documents >= in.docs/4 {
			break
		}
		if time.Since(start) > 2*time.Minute {
			t.Fatalf("only %d documents after 2 minutes", s.Documents)
		}
		time.Sleep(100 * time.Millisecond)
	}
	procs[0].Process.Kill()
	procs[0].Wait()
	t.Logf("worker 1 killed after %s", time.Since(start).Round(time.Millisecond))
	c := waitDone(t, q, 3*time.Minute)
	t.Logf("%d jobs by 3 workers (one killed) in %s", queued, time.Since(start).Round(time.Millisecond))
	checkQueue(t, q, c, queued)
	// The job the killed worker held was rescued: run again, and done.
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rescued int
	if err := db.QueryRow(`SELECT COUNT(*) FROM river_job WHERE kind = 'tally_ingest' AND state = 'completed' AND attempt > 1`).Scan(&rescued); err != nil {
		t.Fatal(err)
	}
	if rescued == 0 {
		t.Error("no job was run twice: the killed worker held none")
	}
	compare(t, dump(t, st), want)
}
