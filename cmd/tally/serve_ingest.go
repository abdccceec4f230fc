package main

import (
	"context"
	"sync"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/ingest"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/web"
)

// urlIngester is the server's Ingester: documents posted whole go through
// web.StoreIngester, URLs through the same gather-extract-store run as
// `tally ingest` (articles, feeds), with its fetching limits.
type urlIngester struct {
	*web.StoreIngester
	st    store.Store
	fetch fetch.Options
}

func newURLIngester(st store.Store, fo fetch.Options) *urlIngester {
	return &urlIngester{StoreIngester: web.NewStoreIngester(st), st: st, fetch: fo}
}

// IngestURLs fetches each URL (an article, or a feed whose items are
// fetched) and stores what it finds; each document and each failure is
// one item of the summary.
func (u *urlIngester) IngestURLs(ctx context.Context, urls []string) (web.Summary, error) {
	var mu sync.Mutex
	var sum web.Summary
	opts := ingest.Options{
		Gather: gather.Options{Fetch: u.fetch},
		Stored: func(it gather.Item, res store.Result) {
			mu.Lock()
			defer mu.Unlock()
			sum.Add(web.Item{ID: it.Doc.ID, URL: it.Doc.URL, Status: res.Status.String(), Of: res.Of, Figures: res.Figures, Repeats: res.Repeats})
		},
	}
	ingest.Run(ctx, u.st, urls, opts, func(err error) {
		mu.Lock()
		defer mu.Unlock()
		sum.Add(web.Item{Status: web.StatusFailed, Error: oneLine(err.Error())})
	})
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	return sum, store.Refresh(ctx, u.st)
}
