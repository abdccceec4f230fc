package jobs_test

// Generated input for the queue tests: JSONL files, HTML pages served by
// httptest (as URLs and through a feed), and a WARC file cut in slices —
// short documents, each with a figure, varied enough that none is a
// near-duplicate of another (near-duplicate links depend on which copy
// came first, which a queue does not fix).

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // "pgx" for database/sql

	"github.com/tally-news/tally/internal/store"
)

var measures = []string{"were killed", "were wounded", "were arrested", "were evacuated", "fled their homes", "are missing"}
var cues = []string{"said", "reported", "told reporters", "announced"}

func word(r *rand.Rand) string {
	const syl = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu"
	parts := strings.Fields(syl)
	var b strings.Builder
	for range 2 + r.IntN(2) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

// story is document i: a title and two short paragraphs, the first with
// a figure.
func story(i int) (title, published string, paras [2]string) {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	town := strings.ToUpper(word(r)[:1]) + word(r)
	title = fmt.Sprintf("Story %d from %s", i, town)
	published = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%300).Format("2006-01-02")
	paras[0] = fmt.Sprintf("Officials in %s %s that %d people %s after the %s storm on Monday.",
		town, cues[r.IntN(len(cues))], 3+r.IntN(900), measures[r.IntN(len(measures))], word(r))
	var b strings.Builder
	for range 3 {
		fmt.Fprintf(&b, "The %s of the %s said that the %s were with the %s and the %s. ", word(r), word(r), word(r), word(r), word(r))
	}
	paras[1] = strings.TrimSpace(b.String())
	return
}

func page(i int, u string) []byte {
	title, published, paras := story(i)
	return fmt.Appendf(nil, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>
<link rel="canonical" href="%s"><meta property="article:published_time" content="%sT08:00:00Z"></head>
<body><article><h1>%s</h1><p>%s</p><p>%s</p></article></body></html>`, title, u, published, title, paras[0], paras[1])
}

// input is a generated input and its SOURCE arguments.
type input struct {
	srcs  []string
	docs  int // documents it holds, bad ones left out
	bad   int // sources that fail
	close func()
}

// sizes of a generated input.
type sizes struct {
	jsonlFiles, perFile, urls, feedItems, warcPages int
}

// generate writes the input under dir and starts its web server.
func generate(t testing.TB, dir string, n sizes) input {
	t.Helper()
	next := 0
	var srcs []string
	for f := range n.jsonlFiles {
		var b bytes.Buffer
		for range n.perFile {
			title, published, paras := story(next)
			line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("jsonl-%d", next), "title": title, "published": published,
				"text": title + "\n\n" + paras[0] + "\n\n" + paras[1]})
			b.Write(line)
			b.WriteByte('\n')
			next++
		}
		path := filepath.Join(dir, fmt.Sprintf("docs-%02d.jsonl", f))
		write(t, path, b.Bytes())
		srcs = append(srcs, path)
	}
	// A file with one broken line: its good lines are stored, and its
	// job ends discarded with the error.
	title, published, paras := story(next)
	good, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("jsonl-%d", next), "title": title, "published": published, "text": paras[0] + " " + paras[1]})
	next++
	badFile := filepath.Join(dir, "broken.jsonl")
	write(t, badFile, append(good, "\n{\"id\": \"x\", \"text\": \n"...))
	srcs = append(srcs, badFile)

	first := next
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	mux.HandleFunc("/p/{i}", func(w http.ResponseWriter, r *http.Request) {
		i, err := strconv.Atoi(r.PathValue("i"))
		if err != nil || i < first || i >= first+n.urls+n.feedItems {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page(i, srv.URL+r.URL.Path))
	})
	for range n.urls {
		srcs = append(srcs, fmt.Sprintf("%s/p/%d", srv.URL, next))
		next++
	}
	srcs = append(srcs, srv.URL+"/p/404") // fails
	var feed bytes.Buffer
	feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>` + srv.URL + `/</link>`)
	for range n.feedItems {
		fmt.Fprintf(&feed, "<item><title>Story %d</title><link>%s/p/%d</link></item>", next, srv.URL, next)
		next++
	}
	feed.WriteString("</channel></rss>")
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(feed.Bytes())
	})
	srcs = append(srcs, srv.URL+"/feed.xml")

	var warc bytes.Buffer
	for range n.warcPages {
		u := fmt.Sprintf("https://archive.example/%d", next)
		body := page(next, u)
		head := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
		fmt.Fprintf(&warc, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2025-03-14T12:00:00Z\r\n"+
			"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s%s\r\n\r\n",
			u, next, len(head)+len(body), head, body)
		next++
	}
	warcPath := filepath.Join(dir, "crawl.warc")
	write(t, warcPath, warc.Bytes())
	srcs = append(srcs, warcPath)
	return input{srcs: srcs, docs: next, bad: 2, close: srv.Close}
}

func write(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// dump is a ledger's contents, one line per document, figure and
// series, without what depends on timing (row ids, ingestion times).
func dump(t *testing.T, st store.Store) []string {
	t.Helper()
	ctx := context.Background()
	if err := store.Refresh(ctx, st); err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(ctx, store.DocFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range docs {
		doc, rows, err := st.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		doc.IngestedAt = time.Time{}
		b, _ := json.Marshal(doc)
		out = append(out, "doc "+string(b))
		for _, r := range rows {
			b, _ := json.Marshal(r)
			out = append(out, "fig "+d.ID+" "+string(b))
		}
	}
	series, err := st.Series(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range series {
		b, _ := json.Marshal(s)
		out = append(out, "series "+string(b))
	}
	sort.Strings(out)
	return out
}

// compare fails the test on the first lines where got and want differ.
func compare(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("ledger has %d rows, want %d", len(got), len(want))
	}
	shown := 0
	gi, wi := 0, 0
	for (gi < len(got) || wi < len(want)) && shown < 5 {
		switch {
		case gi < len(got) && wi < len(want) && got[gi] == want[wi]:
			gi++
			wi++
		case wi >= len(want) || gi < len(got) && got[gi] < want[wi]:
			t.Errorf("extra row: %.300s", got[gi])
			gi++
			shown++
		default:
			t.Errorf("missing row: %.300s", want[wi])
			wi++
			shown++
		}
	}
}

// pgSchema makes a fresh schema for one test, dropped when it ends, and
// returns a DSN whose search_path is that schema.
func pgSchema(t testing.TB) string {
	base := os.Getenv("TALLY_TEST_POSTGRES")
	if base == "" {
		t.Skip("TALLY_TEST_POSTGRES is not set; run: source .ci/postgres.sh")
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("tally_jobs_%d", rand.Uint64()>>1)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
