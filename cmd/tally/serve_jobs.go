package main

import (
	"context"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/watch"
	"github.com/tally-news/tally/internal/web"
)

// serveQueue gives the web server the ledger's alerts (/alerts, Atom) and
// job queue (/admin/jobs).
func serveQueue(ctx context.Context, dsn string, wo *web.Options) (func(), error) {
	wdb, err := watch.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	q, err := jobs.Open(ctx, dsn, jobs.Config{})
	if err != nil {
		wdb.Close()
		return nil, err
	}
	wo.Alerts, wo.Jobs = wdb, q
	return func() { q.Close(); wdb.Close() }, nil
}
