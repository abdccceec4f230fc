package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/watch"
)

// PollArgs is one poll of a watched feed.
type PollArgs struct {
	Feed         string `json:"feed"`
	AllowPrivate bool   `json:"allow_private,omitempty"`
}

// Kind names the job in River's tables.
func (PollArgs) Kind() string { return "tally_watch_poll" }

// InsertOpts: one poll of a feed waits or runs at a time; a failed poll
// is retried a few times, and the next tick polls again anyway.
func (PollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 3, UniqueOpts: pendingUnique}
}

// TickArgs is the periodic job that queues the polls that are due.
type TickArgs struct{}

// Kind names the job in River's tables.
func (TickArgs) Kind() string { return "tally_watch_tick" }

// InsertOpts: one tick at a time.
func (TickArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: pendingUnique}
}

// tickJob is the periodic job every worker configures, so whichever is
// River's leader queues it: its feeds are in the ledger (tally watch adds
// them), not in any one process's configuration.
func tickJob(every time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every), func() (river.JobArgs, *river.InsertOpts) {
		return TickArgs{}, nil
	}, &river.PeriodicJobOpts{RunOnStart: true, ID: "tally_watch_tick"})
}

// TickWorker queues a poll for each watched feed that is due.
type TickWorker struct {
	river.WorkerDefaults[TickArgs]
	L *Ledger
}

func (w *TickWorker) Work(ctx context.Context, job *river.Job[TickArgs]) error {
	if w.L.Watch == nil || w.L.queue == nil {
		return nil
	}
	due, err := w.L.Watch.Due(ctx, time.Now())
	if err != nil || len(due) == 0 {
		return err
	}
	args := make([]river.JobArgs, len(due))
	for i, f := range due {
		args[i] = PollArgs{Feed: f.URL, AllowPrivate: f.AllowPrivate}
	}
	_, _, err = w.L.queue.Enqueue(ctx, args)
	return err
}

// PollWorker polls one feed and ingests its new items.
type PollWorker struct {
	river.WorkerDefaults[PollArgs]
	L *Ledger
}

func (w *PollWorker) Work(ctx context.Context, job *river.Job[PollArgs]) error {
	if w.L.Watch == nil {
		return fmt.Errorf("this worker has no watch tables")
	}
	_, err := w.L.Poll(ctx, job.Args)
	return err
}

// Poll polls one feed in this process.
func (l *Ledger) Poll(ctx context.Context, a PollArgs) (watch.Poll, error) {
	return l.Watch.Poll(ctx, l.Store, l.client(a.AllowPrivate), a.Feed, func(ctx context.Context) error {
		sum, errs := l.Ingest(ctx, IngestArgs{Source: a.Feed, AllowPrivate: a.AllowPrivate})
		if len(errs) > 0 {
			return inputErrors(sum, errs)
		}
		return nil
	})
}

// client is the process's HTTP client for polls and webhooks: one, so
// that its per-host limits hold across the jobs running at once.
func (l *Ledger) client(allowPrivate bool) *fetch.Client {
	l.aliasMu.Lock()
	defer l.aliasMu.Unlock()
	if l.clients == nil {
		l.clients = map[bool]*fetch.Client{}
	}
	c, ok := l.clients[allowPrivate]
	if !ok {
		c = fetch.New(fetch.Options{AllowPrivate: allowPrivate})
		l.clients[allowPrivate] = c
	}
	return c
}

// AlertHook is an ingest.Options.Stored that raises the alerts of each
// document stored, for an ingest run outside the queue (plain tally
// ingest); bad gets the errors and may be called from several goroutines.
func (l *Ledger) AlertHook(ctx context.Context, allowPrivate bool, bad func(error)) func(gather.Item, store.Result) {
	return func(it gather.Item, res store.Result) { l.stored(ctx, it, res, allowPrivate, bad) }
}

// stored raises the alerts of a newly stored document.
func (l *Ledger) stored(ctx context.Context, it gather.Item, res store.Result, allowPrivate bool, bad func(error)) {
	if l.Watch == nil {
		return
	}
	switch res.Status {
	case store.New, store.NearDuplicate, store.Updated:
	default:
		return
	}
	alerts, err := l.Watch.Check(ctx, l.Store, it.Doc.ID, l.client(l.HookAllowPrivate || allowPrivate))
	if err != nil {
		bad(fmt.Errorf("%s: alerts: %w", it.Origin, err))
	}
	if l.Alerted != nil {
		for _, a := range alerts {
			l.Alerted(a)
		}
	}
}
