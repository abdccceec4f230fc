// Package jobs runs tally's work as River jobs (github.com/riverqueue/river)
// in the ledger's own database: `tally ingest --queue` inserts one job per
// input, `tally worker` processes on any number of hosts run them, and
// `tally watch` adds periodic feed polls. River keeps the queue
// transactional and safe under many workers: a job is locked by one
// worker at a time, retried with backoff when it fails, discarded with
// its errors when it keeps failing, and rescued when the worker holding
// it dies (kill -9). Jobs are idempotent because the ledger is: a document
// already stored is skipped by its URL or refused as a duplicate, so a job
// run twice stores its documents once.
//
// On PostgreSQL River uses its pgx driver and LISTEN/NOTIFY; on a SQLite
// ledger, its SQLite driver, polling the one file (workers must then share
// the machine).
package jobs

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/tally-news/tally/internal/store"
)

// Config sets a Queue up.
type Config struct {
	// Concurrency is the number of jobs this process runs at once; 0
	// opens the queue for inserting and listing only.
	Concurrency int
	// Workers are the job kinds this process runs (AddWorkers fills
	// it); needed when Concurrency > 0.
	Workers *river.Workers
	// JobTimeout cancels a job that runs longer (default 10 minutes: a
	// WARC slice of the default size takes well under one). A job
	// cancelled so is retried.
	JobTimeout time.Duration
	// RescueAfter is how long a job may stay running before it is taken
	// as lost with its worker (killed, or its host gone) and run again
	// (default JobTimeout + 1 minute).
	RescueAfter time.Duration
	// RetryPolicy spaces a failed job's attempts; nil for River's
	// (attempt⁴ seconds: 1 s, 16 s, 81 s, 4 min ...).
	RetryPolicy river.ClientRetryPolicy
	// PollInterval is how often an idle worker looks for jobs when it is
	// not told of them (SQLite, which has no LISTEN): default 1 s.
	PollInterval time.Duration
	// Ledger is the ledger the jobs of this process run on (Workers
	// made from it): the watch tick queues its polls through this queue.
	Ledger *Ledger
	// TickEvery is how often River's leader looks for watched feeds
	// that are due (default 1 minute).
	TickEvery time.Duration

	postgres bool
	// Log gets River's warnings; nil discards them.
	Log io.Writer
}

// Queue is River's client on a ledger's database.
type Queue struct {
	client      client
	db          *sql.DB // for counts
	placeholder string  // "?" or "$1"
	close       func()
}

// client is what tally uses of *river.Client[TTx], whatever its driver.
type client interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobRetry(ctx context.Context, id int64) (*rivertype.JobRow, error)
}

// Open opens the queue in the database of the ledger dsn names (which
// store.Open must have opened: the ledger comes first), creating or
// upgrading River's tables with rivermigrate. Any number of processes may
// open it at once: migrations run under a lock.
func Open(ctx context.Context, dsn string, cfg Config) (*Queue, error) {
	cfg.postgres = store.IsPostgres(dsn)
	rc := riverConfig(cfg)
	db, err := store.OpenDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if !store.IsPostgres(dsn) {
		// SQLite cannot hold River's listener: poll.
		rc.PollOnly = true
		drv := riversqlite.New(db)
		if err := migrateSQLite(ctx, db, drv); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: setting up the job queue: %w", dsn, err)
		}
		c, err := river.NewClient(drv, rc)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %w", dsn, err)
		}
		return newQueue(cfg, c, db, func() { db.Close() }), nil
	}
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("bad PostgreSQL URL: %v", err)
	}
	drv := riverpgxv5.New(pool)
	if err := migratePostgres(ctx, pool, drv); err != nil {
		pool.Close()
		db.Close()
		return nil, fmt.Errorf("setting up the job queue: %w", err)
	}
	c, err := river.NewClient(drv, rc)
	if err != nil {
		pool.Close()
		db.Close()
		return nil, err
	}
	return newQueue(cfg, c, db, func() { pool.Close(); db.Close() }), nil
}

func newQueue(cfg Config, c client, db *sql.DB, close func()) *Queue {
	q := &Queue{client: c, db: db, close: close, placeholder: "?"}
	if cfg.postgres {
		q.placeholder = "$1"
	}
	if cfg.Ledger != nil {
		cfg.Ledger.queue = q
	}
	return q
}

// migrateSQLite brings River's tables up to date in one transaction:
// SQLite's BEGIN IMMEDIATE (the ledger's _txlock) makes it the only
// writer, so concurrent openers wait and then find nothing to do.
func migrateSQLite(ctx context.Context, db *sql.DB, drv *riversqlite.Driver) error {
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := m.MigrateTx(ctx, tx, rivermigrate.DirectionUp, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// migratePostgres brings River's tables up to date. Some of River's
// migrations cannot share a transaction (a new enum value is used in the
// next one), so each runs in its own, and a session advisory lock held
// on one connection meanwhile keeps other processes out.
func migratePostgres(ctx context.Context, pool *pgxpool.Pool, drv *riverpgxv5.Driver) error {
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	// The ledger's migration key (see internal/store), and a second key
	// of River's own.
	const key = `1952541804, hashtext(current_schema() || '/river')`
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		return err
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`)
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

func riverConfig(cfg Config) *river.Config {
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = 10 * time.Minute
	}
	if cfg.RescueAfter <= cfg.JobTimeout {
		cfg.RescueAfter = cfg.JobTimeout + time.Minute
	}
	var h slog.Handler = slog.DiscardHandler
	if cfg.Log != nil {
		h = slog.NewTextHandler(cfg.Log, &slog.HandlerOptions{Level: slog.LevelWarn})
	}
	rc := &river.Config{
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		RetryPolicy:          cfg.RetryPolicy,
		Logger:               slog.New(h),
		FetchPollInterval:    cfg.PollInterval,
		// Failed and finished jobs stay a week for `tally jobs`.
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
		DiscardedJobRetentionPeriod: 30 * 24 * time.Hour,
	}
	if cfg.PollInterval > 0 && cfg.PollInterval < 100*time.Millisecond {
		rc.FetchCooldown = cfg.PollInterval
	}
	if cfg.Concurrency > 0 {
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Concurrency}}
		rc.Workers = cfg.Workers
		rc.PeriodicJobs = []*river.PeriodicJob{tickJob(cmp.Or(cfg.TickEvery, time.Minute))}
	}
	return rc
}

// Close releases the database connections (after Stop, for a worker).
func (q *Queue) Close() { q.close() }

// Start starts working jobs (Config.Concurrency of them at once) until
// Stop, or until ctx is done.
func (q *Queue) Start(ctx context.Context) error { return q.client.Start(ctx) }

// Stop lets the running jobs finish, within ctx; when ctx is done first,
// they are cancelled and go back to the queue to be retried.
func (q *Queue) Stop(ctx context.Context) error {
	err := q.client.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		return q.client.StopAndCancel(cctx)
	}
	return err
}
