package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/store"
)

// countingLedger counts the store's Stats calls, to see the cache answer.
type countingLedger struct {
	store.Store
	stats atomic.Int64
}

func (c *countingLedger) Stats(ctx context.Context) (store.Stats, error) {
	c.stats.Add(1)
	return c.Store.Stats(ctx)
}

// TestCacheUntilCommit: a repeated GET is answered from the cache while
// the ledger stays the same, and a commit — here by another store on the
// same file, as a `tally ingest` beside the server — is seen at once.
func TestCacheUntilCommit(t *testing.T) {
	f := newFixture(t, Options{})
	ledger := &countingLedger{Store: f.st}
	srv := New(Options{Ledger: ledger, Log: f.srv.opt.Log})
	get := func() int {
		t.Helper()
		var got struct{ Documents int }
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest("GET", "/api/stats", nil))
		if rec.Code != 200 {
			t.Fatalf("GET /api/stats: %d %s", rec.Code, rec.Body)
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		return got.Documents
	}
	n := get()
	if get() != n || ledger.stats.Load() != 1 {
		t.Errorf("the second GET read the ledger again (%d Stats calls)", ledger.stats.Load())
	}
	other, err := store.Open(ctx, f.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	doc := claim.Document{ID: "cache-1", Text: "Floods killed 12 people, officials said.", Language: "en"}
	if _, err := other.Add(ctx, doc, nil); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != n+1 {
		t.Errorf("after a commit by another store: %d documents, want %d", got, n+1)
	}
}
