package jobs

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"

	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/store"
)

// Workers registers the job kinds a worker process runs on l.
func Workers(l *Ledger) *river.Workers {
	ws := river.NewWorkers()
	river.AddWorker(ws, &IngestWorker{L: l})
	river.AddWorker(ws, &TickWorker{L: l})
	river.AddWorker(ws, &PollWorker{L: l})
	return ws
}

// Run works jobs on q until ctx is done, then stops within grace: the
// running jobs finish, or past grace (or once hard is closed) are
// cancelled and go back to the queue. Series summaries are brought up to date every interval while
// documents come in, and at the end. Errors go to logf.
func Run(ctx context.Context, q *Queue, l *Ledger, grace time.Duration, hard <-chan struct{}, interval time.Duration, logf func(format string, args ...any)) error {
	var dirty atomic.Bool
	done := l.Done
	l.Done = func(a IngestArgs, s ingest.Summary) {
		if s.New+s.NearDuplicate+s.Updated > 0 {
			dirty.Store(true)
		}
		if done != nil {
			done(a, s)
		}
	}
	refresh := func(ctx context.Context) {
		if dirty.Swap(false) {
			if err := store.Refresh(ctx, l.Store); err != nil {
				logf("updating series summaries: %v", err)
			}
		}
	}
	if err := q.Start(context.WithoutCancel(ctx)); err != nil {
		return err
	}
	tick := time.NewTicker(interval)
	defer tick.Stop()
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-tick.C:
			refresh(ctx)
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	go func() {
		select {
		case <-hard:
			cancel()
		case <-sctx.Done():
		}
	}()
	err := q.Stop(sctx)
	refresh(context.Background())
	return err
}
