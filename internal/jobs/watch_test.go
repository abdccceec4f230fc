package jobs_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/store"
	"github.com/tally-news/tally/internal/watch"
)

// wire is a news site whose feed changes between polls; it records the
// conditional headers of each feed request and every page fetched.
type wire struct {
	mu      sync.Mutex
	srv     *httptest.Server
	version int
	items   []string // page names in the feed
	pages   map[string]string
	cond    []string // "If-None-Match|If-Modified-Since" of each feed request
	fetched []string
	hooks   []string // webhook POST bodies
}

func newWire(pages map[string]string) *wire {
	w := &wire{pages: pages}
	w.srv = httptest.NewServer(http.HandlerFunc(w.serve))
	return w
}

func (w *wire) set(items ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.items = items
	w.version++
}

func (w *wire) serve(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if r.URL.Path == "/feed.xml" {
		w.cond = append(w.cond, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		etag := fmt.Sprintf(`"v%d"`, w.version)
		lm := fmt.Sprintf("Mon, 0%d Mar 2025 10:00:00 GMT", w.version)
		if r.Header.Get("If-None-Match") == etag {
			rw.WriteHeader(http.StatusNotModified)
			return
		}
		rw.Header().Set("ETag", etag)
		rw.Header().Set("Last-Modified", lm)
		rw.Header().Set("Content-Type", "application/rss+xml")
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>` + w.srv.URL + `/</link>`)
		for _, it := range w.items {
			fmt.Fprintf(&b, "<item><title>%s</title><link>%s/%s</link></item>", it, w.srv.URL, it)
		}
		b.WriteString("</channel></rss>")
		rw.Write(b.Bytes())
		return
	}
	if r.URL.Path == "/hook" && r.Method == http.MethodPost {
		b, _ := io.ReadAll(r.Body)
		w.hooks = append(w.hooks, string(b))
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	text, ok := w.pages[name]
	if !ok {
		http.NotFound(rw, r)
		return
	}
	w.fetched = append(w.fetched, name)
	rw.Header().Set("Content-Type", "text/html")
	fmt.Fprintf(rw, `<!doctype html><html lang="en"><head><title>%s</title></head><body><article><p>%s</p>
<p>The ministry of the interior said that the count of the dead and of the injured was still rising in the city.</p></article></body></html>`, name, text)
}

// Polls of a changing feed ingest only its new items, send the
// validators of the last answer, and raise one alert per new claim in a
// followed series — marked new-source and conflict where they are —
// served as Atom that gofeed reads.
func TestWatch(t *testing.T) {
	w := newWire(map[string]string{
		"a": "Iraqi health officials said 45 people were killed in the bombing in Baghdad on Monday, 3 March 2025.",
		"b": "Syrian health officials said 12 people were wounded in the shelling of Aleppo on Monday, 3 March 2025.",
		"c": "Iraqi health officials said 51 people were killed in the bombing in Baghdad on Tuesday, 4 March 2025.",
		"d": "The United Nations said 60 people were killed in the bombing in Baghdad on Monday, 3 March 2025.",
	})
	defer w.srv.Close()
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "watch.db")
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
	if err := wdb.Watch(ctx, feed, 0, true); err != nil {
		t.Fatal(err)
	}
	if err := wdb.Follow(ctx, "Iraq/Killed", ""); err != nil {
		t.Fatal(err)
	}
	l := &jobs.Ledger{Store: st, Watch: wdb}
	poll := func(want string) {
		t.Helper()
		p, err := l.Poll(ctx, jobs.PollArgs{Feed: feed, AllowPrivate: true})
		if err != nil || p.String() != want {
			t.Errorf("poll: %v, %v; want %s", p, err, want)
		}
	}
	w.set("a", "b")
	poll("2 items, 2 new")
	poll("not modified")
	w.set("a", "b", "c", "d")
	poll("4 items, 2 new")
	poll("not modified")

	if want := []string{"|", `"v1"|Mon, 01 Mar 2025 10:00:00 GMT`, `"v1"|Mon, 01 Mar 2025 10:00:00 GMT`, `"v2"|Mon, 02 Mar 2025 10:00:00 GMT`}; !slices.Equal(w.cond[:1], want[:1]) ||
		!slices.Contains(w.cond, want[1]) || w.cond[len(w.cond)-1] != want[3] {
		t.Errorf("conditional headers of the feed requests: %q", w.cond)
	}
	if slices.Sort(w.fetched); !slices.Equal(w.fetched, []string{"a", "b", "c", "d"}) {
		t.Errorf("pages fetched: %q; want each once", w.fetched)
	}
	alerts, err := wdb.Alerts(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range alerts {
		got = append(got, a.DocID[strings.LastIndex(a.DocID, "/")+1:]+" "+strings.Join(a.Kinds, ","))
	}
	// c and d are fetched at once: their alerts come in either order.
	slices.Sort(got)
	want := []string{"a claim,new-source", "c claim", "d claim,new-source,conflict"}
	if !slices.Equal(got, want) {
		t.Errorf("alerts: %q; want %q", got, want)
	}
	// Checked again (a job run twice), a document raises nothing new.
	if again, err := wdb.Check(ctx, st, alerts[0].DocID, nil); err != nil || len(again) != 0 {
		t.Errorf("checked again: %v, %v", again, err)
	}

	var atom bytes.Buffer
	if err := watch.Atom(&atom, "tally alerts: iraq/killed", "http://tally.example", "/series/Iraq%2Fkilled/alerts.atom", alerts); err != nil {
		t.Fatal(err)
	}
	parsed, err := gofeed.NewParser().ParseString(atom.String())
	if err != nil {
		t.Fatalf("Atom does not parse: %v\n%s", err, atom.String())
	}
	if parsed.FeedType != "atom" || len(parsed.Items) != 3 {
		t.Fatalf("Atom read as %s with %d items", parsed.FeedType, len(parsed.Items))
	}
	for _, it := range parsed.Items {
		if !strings.HasPrefix(it.Link, "http://tally.example/documents/") || strings.Contains(it.Title, "60") != strings.Contains(it.Description, "Conflicts with") {
			t.Errorf("Atom item %+v", it)
		}
	}
}
