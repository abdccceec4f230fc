package jobs_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/watch"
)

// A worker's periodic tick queues the polls of the watched feeds that
// are due, and the poll jobs run them: the feed is ingested, and a
// webhook gets each alert.
func TestWatchTick(t *testing.T) {
	w := newWire(map[string]string{
		"a": "Iraqi health officials said 45 people were killed in the bombing in Baghdad on Monday, 3 March 2025.",
	})
	defer w.srv.Close()
	w.set("a")
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "tick.db")
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	wdb, err := watch.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer wdb.Close()
	feed := w.srv.URL + "/feed.xml"
	if err := wdb.Watch(ctx, feed, time.Hour, true); err != nil {
		t.Fatal(err)
	}
	if err := wdb.Follow(ctx, "iraq/killed", w.srv.URL+"/hook"); err != nil {
		t.Fatal(err)
	}
	l := &jobs.Ledger{Store: st, Watch: wdb, HookAllowPrivate: true}
	cfg := testConfig(2, l)
	cfg.Ledger = l
	q, err := jobs.Open(ctx, dsn, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	deadline := time.Now().Add(60 * time.Second)
	for {
		f, _, err := wdb.Feed(ctx, feed)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Checked.IsZero() {
			if f.Status != "1 items, 1 new" || f.ETag != `"v1"` {
				t.Errorf("feed after its poll: %+v", f)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the feed was not polled within a minute")
		}
		time.Sleep(100 * time.Millisecond)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.hooks) != 1 || !strings.Contains(w.hooks[0], `"series":"iraq/killed"`) || !strings.Contains(w.hooks[0], `"kinds":["claim","new-source"]`) {
		t.Errorf("webhook got %q", w.hooks)
	}
}
