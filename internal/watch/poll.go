package watch

import (
	"bytes"
	"context"
	"fmt"
	"net/url"

	"github.com/tally-news/tally/internal/feed"
	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/store"
)

// Poll is what one poll of a feed found.
type Poll struct {
	NotModified bool // the server answered 304 to the validators
	Items, New  int  // items in the feed; those whose article the ledger lacks
}

func (p Poll) String() string {
	if p.NotModified {
		return "not modified"
	}
	return fmt.Sprintf("%d items, %d new", p.Items, p.New)
}

// Poll polls the watched feed at feedURL once: a conditional GET with the
// validators of its last answer; when the feed changed and has items the
// ledger lacks (by their links), ingest is called to read it (the caller
// ingests the feed URL as `tally ingest` does, which skips the items
// already stored). The outcome is kept for the next poll and for `tally
// watch --list`.
func (d *DB) Poll(ctx context.Context, st store.Store, client *fetch.Client, feedURL string, ingest func(context.Context) error) (Poll, error) {
	f, _, err := d.Feed(ctx, feedURL)
	if err != nil {
		return Poll{}, err
	}
	var p Poll
	record := func(etag, lastModified string, err error) error {
		status := p.String()
		if err != nil {
			status = "error: " + err.Error()
		}
		if rerr := d.checked(context.WithoutCancel(ctx), feedURL, etag, lastModified, status); err == nil {
			err = rerr
		}
		return err
	}
	resp, err := client.GetIf(ctx, feedURL, f.ETag, f.LastModified)
	if err != nil {
		return p, record("", "", err)
	}
	if resp.NotModified {
		p.NotModified = true
		return p, record("", "", nil)
	}
	parsed, err := feed.Parse(bytes.NewReader(resp.Body))
	if err != nil {
		return p, record("", "", fmt.Errorf("%s: %w", feedURL, err))
	}
	base, _ := url.Parse(resp.FinalURL)
	p.Items = len(parsed.Items)
	for _, it := range parsed.Items {
		link := it.Link
		if u, err := base.Parse(link); err == nil && link != "" {
			link = u.String()
		}
		if link == "" {
			p.New++ // only its text can tell; the ledger refuses a duplicate
			continue
		}
		if ok, err := st.HasURL(ctx, link); err != nil {
			return p, record("", "", err)
		} else if !ok {
			p.New++
		}
	}
	if p.New > 0 {
		if err := ingest(ctx); err != nil {
			// Validators not kept: the next poll reads the feed again.
			return p, record("", "", err)
		}
	}
	return p, record(resp.ETag, resp.LastModifiedText, nil)
}
