package gather

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/fetch"
)

// story is a few paragraphs of news, long enough for article extraction.
func story(lead string) string {
	return "<p>" + lead + " the regional emergency office said on Thursday, as three days of rain pushed the river to its highest level in four decades.</p>\n" +
		"<p>At least 12 people were killed and 37 injured, most of them in villages along the eastern bank, according to the office, which warned that the toll could rise as rescue teams reach cut-off areas.</p>\n" +
		"<p>“We have opened 18 shelters and more are coming,” the office’s director told reporters in the regional capital. She said roughly 600 people had been evacuated by boat overnight.</p>\n" +
		"<p>The national weather service expects the river to crest on Saturday. Officials said two bridges on the main highway remained closed and that power had been cut to some 9,000 households.</p>\n"
}

// articlePage is a news page; empty arguments leave the metadata out.
func articlePage(title, canonical, date, lang, lead string) string {
	var b strings.Builder
	b.WriteString("<!doctype html><html")
	if lang != "" {
		b.WriteString(` lang="` + lang + `"`)
	}
	b.WriteString("><head><meta charset=\"utf-8\"><title>" + title + "</title>")
	if canonical != "" {
		b.WriteString(`<link rel="canonical" href="` + canonical + `">`)
	}
	if date != "" {
		b.WriteString(`<meta property="article:published_time" content="` + date + `T08:00:00Z">`)
	}
	b.WriteString(`<meta property="og:site_name" content="The Valley Ledger">`)
	b.WriteString("</head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>" + title + "</h1>")
	b.WriteString(story(lead))
	b.WriteString("</article><footer>© The Valley Ledger</footer></body></html>")
	return b.String()
}

const german = `<!doctype html><html><head><title>Hochwasser</title></head><body><article>
<p>Das Hochwasser hat am Donnerstag rund 4.200 Menschen aus ihren Häusern vertrieben, teilte das regionale Katastrophenschutzamt mit.</p>
<p>Mindestens zwölf Menschen kamen ums Leben, 37 wurden verletzt, die meisten von ihnen in Dörfern am östlichen Ufer des Flusses.</p>
<p>Der Wetterdienst erwartet, dass der Fluss am Samstag seinen höchsten Stand erreicht. Zwei Brücken an der Hauptstraße blieben gesperrt.</p>
<p>Hilfsorganisationen bereiten Lebensmittel und Wasser für bis zu 10.000 Vertriebene vor, falls der Regen in der nächsten Woche anhält.</p>
</article></body></html>`

// site is a test news site on an httptest server.
type site struct {
	*httptest.Server
	hits sync.Map // path → *atomic.Int32
}

func (s *site) hitCount(path string) int32 {
	if v, ok := s.hits.Load(path); ok {
		return v.(*atomic.Int32).Load()
	}
	return 0
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{}
	mux := http.NewServeMux()
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
	}
	mux.HandleFunc("/articles/a", html(articlePage("Floods force 4,200 from homes", "https://ledger.example/news/a", "2025-03-14", "en", "Floodwaters forced about 4,200 people from their homes,")))
	mux.HandleFunc("/articles/b", html(articlePage("Rescuers reach cut-off villages", "", "", "en", "Rescue teams reached 14 cut-off villages on Friday,")))
	mux.HandleFunc("/articles/c", html(articlePage("River crests", "", "", "", "The river crested two metres above its banks,")))
	mux.HandleFunc("/articles/de", html(german))
	mux.HandleFunc("/articles/home", html(articlePage("Canonical to the home page", "https://ledger.example/", "", "en", "A misconfigured page said 50 people fled,")))
	mux.HandleFunc("/image.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00"))
	})
	mux.HandleFunc("/feed.rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rssFeed(s.URL))
	})
	mux.HandleFunc("/feed.atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprint(w, atomFeed)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/articles/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte("<p>x</p>"), 300<<10/8))
	})
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zw.Write(bytes.Repeat([]byte(" "), 1<<20)) // 1 MiB in 1 KB
	zw.Close()
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v, _ := s.hits.LoadOrStore(r.URL.Path, new(atomic.Int32))
		v.(*atomic.Int32).Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// rssFeed has one item carrying its article, one linking to it, one
// linking to a missing page and one to an image.
func rssFeed(base string) string {
	return `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Ledger</title><link>` + base + `/</link><language>en-gb</language>
<item><title>Full story in the feed</title><link>https://ledger.example/news/full</link>
  <pubDate>Sat, 15 Mar 2025 09:00:00 GMT</pubDate><description>Teaser.</description>
  <content:encoded><![CDATA[` + story("About 800 soldiers were deployed to the valley,") + `]]></content:encoded></item>
<item><title>Linked story</title><link>/articles/b</link><pubDate>Sun, 16 Mar 2025 09:00:00 GMT</pubDate>
  <description>Rescue teams reached 14 villages...</description></item>
<item><title>Gone</title><link>` + base + `/missing</link></item>
<item><title>A picture</title><link>` + base + `/image.png</link></item>
</channel></rss>`
}

const atomFeed = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger (Atom)</title>
<entry><title>River crests</title><link href="/articles/c"/><id>c</id><updated>2025-03-17T10:00:00Z</updated>
  <summary>The river crested...</summary></entry>
</feed>`

// run gathers sources and returns "origin → ID" lines and the errors, both
// sorted, and the documents by ID.
func run(t *testing.T, sources []string, opts Options) (items []string, errs []string, docs map[string]Item) {
	t.Helper()
	var mu sync.Mutex
	docs = map[string]Item{}
	Gather(context.Background(), sources, opts, func(it Item) {
		mu.Lock()
		defer mu.Unlock()
		items = append(items, it.Origin+" → "+it.Doc.ID)
		if _, dup := docs[it.Doc.ID]; dup {
			t.Errorf("document %s twice", it.Doc.ID)
		}
		docs[it.Doc.ID] = it
	}, func(err error) {
		var ge *Error
		if !errors.As(err, &ge) && !strings.HasPrefix(err.Error(), "bad publication date") {
			t.Errorf("error %q is not a *gather.Error", err)
		}
		errs = append(errs, err.Error())
	})
	sort.Strings(items)
	sort.Strings(errs)
	for _, e := range errs {
		t.Log(e)
	}
	return items, errs, docs
}

func testOptions() Options {
	return Options{Fetch: fetch.Options{AllowPrivate: true, Timeout: 500 * time.Millisecond, MaxBytes: 256 << 10, MaxRedirects: 3}}
}

func TestGatherURLs(t *testing.T) {
	s := newSite(t)
	u := s.URL
	items, errs, docs := run(t, []string{
		u + "/articles/a", u + "/feed.rss", u + "/feed.atom", u + "/articles/de", u + "/articles/home#comments",
		u + "/loop", u + "/slow", u + "/big", u + "/bomb", u + "/nothing-here", u + "/image.png?direct",
		"ftp://ledger.example/a", "no-such-file.txt",
	}, testOptions())

	wantItems := []string{
		u + "/articles/a → https://ledger.example/news/a",
		u + "/articles/de → " + u + "/articles/de",
		u + "/articles/home#comments → " + u + "/articles/home",
		u + "/feed.atom item 1 → " + u + "/articles/c",
		u + "/feed.rss item 1 → https://ledger.example/news/full",
		u + "/feed.rss item 2 → " + u + "/articles/b",
	}
	if !slices.Equal(items, wantItems) {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(items, "\n"), strings.Join(wantItems, "\n"))
	}
	wantErrs := []string{
		`ftp://ledger.example/a: unsupported scheme "ftp": give a file, a folder or an http(s) URL`,
		u + "/big: response larger than 256 KiB",
		u + "/bomb: response larger than 256 KiB once gzip-decoded",
		u + "/feed.rss item 3: " + u + "/missing: HTTP 404 Not Found",
		u + "/feed.rss item 4: " + u + "/image.png: not an HTML page or a feed (content type image/png)",
		u + "/image.png?direct: not an HTML page or a feed (content type image/png)",
		u + "/loop: too many redirects (more than 3)",
		u + "/nothing-here: HTTP 404 Not Found",
		u + "/slow: timed out after 500ms",
		"no-such-file.txt: no such file or folder; check the path (a web page needs its full http(s):// URL)",
	}
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}

	a := docs["https://ledger.example/news/a"].Doc
	if a.Title != "Floods force 4,200 from homes" || a.Published != "2025-03-14" || a.Publisher != "The Valley Ledger" ||
		a.Language != "en" || a.URL != "https://ledger.example/news/a" || !strings.HasPrefix(a.Text, "Floodwaters forced about 4,200") {
		t.Errorf("article a = %+v", a)
	}
	full := docs["https://ledger.example/news/full"].Doc
	if full.Title != "Full story in the feed" || full.Published != "2025-03-15" || full.Language != "en" ||
		!strings.HasPrefix(full.Text, "About 800 soldiers were deployed") {
		t.Errorf("full-content item = %+v", full)
	}
	// A linked item's page has no date: the item's date is used.
	if b := docs[u+"/articles/b"].Doc; b.Published != "2025-03-16" || b.Title != "Rescuers reach cut-off villages" {
		t.Errorf("linked item = %+v", b)
	}
	if c := docs[u+"/articles/c"].Doc; c.Published != "2025-03-17" || c.Language != "en" || c.Publisher != "The Valley Ledger" {
		t.Errorf("atom item = %+v", c)
	}
	if de := docs[u+"/articles/de"].Doc; de.Language != "de" || !strings.HasPrefix(de.Publisher, "127.0.0.1") || de.Published != "" {
		t.Errorf("german page = %+v", de)
	}
}

// Redirects resolve to the same canonical page: the document's URL is
// the canonical one, whichever URL was asked for.
func TestGatherRedirect(t *testing.T) {
	s := newSite(t)
	items, errs, docs := run(t, []string{s.URL + "/redirect"}, testOptions())
	if len(errs) > 0 || len(items) != 1 || items[0] != s.URL+"/redirect → https://ledger.example/news/a" {
		t.Errorf("items %q, errors %q", items, errs)
	}
	// SourceURL is what Skip is asked about on a resumed run.
	if got := docs["https://ledger.example/news/a"].SourceURL; got != s.URL+"/redirect" {
		t.Errorf("SourceURL = %q", got)
	}
}

func TestGatherRefusesPrivate(t *testing.T) {
	s := newSite(t)
	opts := testOptions()
	opts.Fetch.AllowPrivate = false
	items, errs, _ := run(t, []string{s.URL + "/articles/a"}, opts)
	want := s.URL + "/articles/a: refused: 127.0.0.1 is a loopback address (use --allow-private to allow)"
	if len(items) != 0 || len(errs) != 1 || errs[0] != want {
		t.Errorf("items %q, errors %q, want %q", items, errs, want)
	}
}

// Skip keeps stored articles from being fetched again.
func TestGatherSkip(t *testing.T) {
	s := newSite(t)
	opts := testOptions()
	var asked sync.Map
	opts.Skip = func(u string) bool {
		asked.Store(u, true)
		return strings.HasSuffix(u, "/articles/b") || u == "https://ledger.example/news/full"
	}
	items, _, _ := run(t, []string{s.URL + "/feed.rss"}, opts)
	if s.hitCount("/articles/b") != 0 {
		t.Error("skipped article fetched")
	}
	for _, it := range items {
		if strings.Contains(it, "item 1 ") || strings.Contains(it, "item 2 ") {
			t.Errorf("skipped item gathered: %s", it)
		}
	}
	if _, ok := asked.Load(s.URL + "/missing"); !ok {
		t.Error("Skip not asked about an item link")
	}
}

// A folder of mixed inputs: every readable file gives its documents, the
// rest is ignored or reported.
func TestGatherFolder(t *testing.T) {
	s := newSite(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("a.txt", []byte("Around 1,100 North Korean soldiers were killed or wounded, South Korea's Joint Chiefs of Staff said on Monday.\n"))
	write("b.html", []byte(articlePage("Saved page", "https://ledger.example/news/saved", "2025-03-10", "en", "A saved copy said 4,200 people fled,")))
	write("c.htm", []byte(articlePage("Saved without URL", "", "", "", "Another saved copy said 900 people fled,")))
	write("docs.jsonl", []byte(`{"id": "w1", "text": "Police arrested 45 protesters in the capital on Sunday, the interior ministry said in a statement released in the evening."}`+"\n"+
		"not json\n"+
		`{"id": "w2", "text": "12 killed."}`+"\n"))
	write("feeds/ledger.xml", []byte(rssFeed(s.URL)))
	write("feeds/not-a-feed.json", []byte(`{"settings": true}`))
	write("feeds/json.json", []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "en",
		"items": [{"id": "1", "url": "https://j.example/floods", "title": "Floods", "date_published": "2025-03-18T08:00:00Z",
		"content_html": `+strconv.Quote(story("Some 5,000 people fled the coast,"))+`}, {"id": "2", "title": "No link", "summary": "Teaser."},
		{"id": "urn:j:3", "title": "No link, full text", "content_html": `+strconv.Quote(story("Some 70 people were missing,"))+`}]}`))
	write("feeds/sitemap.xml", []byte(`<?xml version="1.0"?><urlset><url><loc>https://x/</loc></url></urlset>`))
	write("sub/deeper/d.txt", []byte("Some 300 soldiers were deployed to the border region, the defence ministry said.\n"))
	write("style.css", []byte("body{}"))
	write(".hidden.txt", []byte("10 killed."))
	write(".git/HEAD.txt", []byte("ref: refs/heads/main"))
	write("binary.txt", []byte("\x00\x01\x02"))
	write("broken.rss", []byte(`<rss version="2.0"><channel><title>x</title><item><title>cut`))
	warcPath := filepath.Join(dir, "crawl.warc.gz")
	writeTestWARC(t, warcPath, s.URL)

	opts := testOptions()
	opts.Published = "2025-01-01"
	var ignored []string
	var ignoredMu sync.Mutex
	opts.Ignored = func(p string) {
		ignoredMu.Lock()
		ignored = append(ignored, strings.TrimPrefix(p, dir+"/"))
		ignoredMu.Unlock()
	}
	items, errs, docs := run(t, []string{dir}, opts)
	for i := range items {
		items[i] = strings.ReplaceAll(strings.ReplaceAll(items[i], dir+"/", ""), s.URL, "SITE")
	}
	for i := range errs {
		errs[i] = strings.ReplaceAll(strings.ReplaceAll(errs[i], dir+"/", ""), s.URL, "SITE")
	}
	wantItems := []string{
		"a.txt → a.txt",
		"b.html → https://ledger.example/news/saved",
		"c.htm → c.htm",
		"crawl.warc.gz record 2 → https://archive.example/one",
		"crawl.warc.gz record 3 → https://ledger.example/news/a",
		"docs.jsonl → w1",
		"docs.jsonl → w2",
		"feeds/json.json item 1 → https://j.example/floods",
		"feeds/json.json item 3 → urn:j:3",
		"feeds/ledger.xml item 1 → https://ledger.example/news/full",
		"feeds/ledger.xml item 2 → SITE/articles/b",
		"sub/deeper/d.txt → sub/deeper/d.txt",
	}
	if !slices.Equal(items, wantItems) {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(items, "\n"), strings.Join(wantItems, "\n"))
	}
	wantErrs := []string{
		"binary.txt: binary file (NUL bytes), not text",
		"broken.rss: malformed RSS feed",
		"crawl.warc.gz: record 5 at offset",
		"docs.jsonl:2: ",
		"feeds/json.json item 2: the feed carries only a teaser and no link to the article",
		"feeds/ledger.xml item 3: SITE/missing: HTTP 404 Not Found",
		"feeds/ledger.xml item 4: SITE/image.png: not an HTML page or a feed (content type image/png)",
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	} else {
		for i := range errs {
			if !strings.HasPrefix(errs[i], wantErrs[i]) {
				t.Errorf("error %q, want prefix %q", errs[i], wantErrs[i])
			}
		}
	}
	sort.Strings(ignored)
	if want := []string{"feeds/not-a-feed.json", "feeds/sitemap.xml", "style.css"}; !slices.Equal(ignored, want) {
		t.Errorf("ignored %q, want %q", ignored, want)
	}

	txt := docs[filepath.Join(dir, "a.txt")].Doc
	if txt.Published != "2025-01-01" || txt.Language != "en" {
		t.Errorf("a.txt = %+v", txt)
	}
	if w2 := docs["w2"].Doc; w2.Language != "" {
		t.Errorf("a few words got language %q", w2.Language)
	}
	if saved := docs["https://ledger.example/news/saved"].Doc; saved.Published != "2025-03-10" || saved.URL != "https://ledger.example/news/saved" {
		t.Errorf("saved page = %+v", saved)
	}
	one := docs["https://archive.example/one"].Doc
	if one.Published != "2024-12-23" || one.Publisher != "The Valley Ledger" || one.Language != "en" {
		t.Errorf("WARC page without date = %+v (want the WARC-Date)", one)
	}
	if a := docs["https://ledger.example/news/a"].Doc; a.Published != "2025-03-14" {
		t.Errorf("WARC page with date = %+v", a)
	}
	if j := docs["https://j.example/floods"].Doc; j.Published != "2025-03-18" || j.Title != "Floods" || j.Language != "en" {
		t.Errorf("JSON feed item = %+v", j)
	}
}

// Skip applies to WARC records too: a resumed ingest does not extract
// them again.
func TestGatherSkipWARC(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.warc.gz")
	writeTestWARC(t, path, "https://site.example")
	opts := Options{Skip: func(u string) bool { return u == "https://archive.example/one" }}
	items, errs, _ := run(t, []string{path}, opts)
	if len(items) != 1 || !strings.HasSuffix(items[0], "record 3 → https://ledger.example/news/a") || len(errs) != 1 {
		t.Errorf("items %q, errors %q", items, errs)
	}
}

// The same folder twice gives the same documents (the caller's store
// makes the second run a no-op).
func TestGatherDeterministic(t *testing.T) {
	dir := t.TempDir()
	for i := range 20 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.txt", i)), []byte(fmt.Sprintf("Some %d people were killed in the blast, police said.\n", i+10)), 0o644)
	}
	first, errs1, _ := run(t, []string{dir}, Options{Workers: 3})
	second, errs2, _ := run(t, []string{dir}, Options{Workers: 1})
	if len(first) != 20 || !slices.Equal(first, second) || len(errs1)+len(errs2) > 0 {
		t.Errorf("runs differ: %d and %d items, errors %q %q", len(first), len(second), errs1, errs2)
	}
}

// fn runs on several workers at once, so both cores extract.
func TestGatherConcurrentWorkers(t *testing.T) {
	dir := t.TempDir()
	for i := range 8 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.html", i)), []byte(articlePage("T", "", "", "en", fmt.Sprintf("Some %d people fled,", i))), 0o644)
	}
	var now, most atomic.Int32
	Gather(context.Background(), []string{dir}, Options{Workers: 4}, func(Item) {
		n := now.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(20 * time.Millisecond)
		now.Add(-1)
	}, func(err error) { t.Error(err) })
	if most.Load() < 2 {
		t.Errorf("fn never ran on two workers at once")
	}
}

// A panic while handling one input (here in fn) costs that input only.
func TestGatherRecoversPanics(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Some 10 people were killed.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Some 20 people were killed.\n"), 0o644)
	var got []string
	var errs []string
	Gather(context.Background(), []string{dir}, Options{Workers: 1}, func(it Item) {
		if strings.HasSuffix(it.Origin, "a.txt") {
			panic("boom")
		}
		got = append(got, it.Origin)
	}, func(err error) { errs = append(errs, err.Error()) })
	if len(got) != 1 || len(errs) != 1 || !strings.Contains(errs[0], "a.txt: internal error: boom") {
		t.Errorf("got %q, errors %q", got, errs)
	}
}

// Cancelling stops the run promptly, without reporting the cancelled
// fetches as bad inputs.
func TestGatherCancel(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	opts := testOptions()
	opts.Fetch.Timeout = 10 * time.Second
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	var errs []error
	Gather(ctx, []string{s.URL + "/slow", s.URL + "/slow?2"}, opts, func(Item) {}, func(err error) { errs = append(errs, err) })
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v after cancel", d)
	}
	if len(errs) > 0 {
		t.Errorf("errors after cancel: %v", errs)
	}
}

func TestGatherBadPublished(t *testing.T) {
	var errs []string
	Gather(context.Background(), []string{"x.txt"}, Options{Published: "14/03/2025"}, func(Item) { t.Error("document") },
		func(err error) { errs = append(errs, err.Error()) })
	if len(errs) != 1 || errs[0] != `bad publication date "14/03/2025": want YYYY-MM-DD` {
		t.Errorf("errors %q", errs)
	}
}

func TestGatherUnknownExtension(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.pdf")
	os.WriteFile(path, []byte("%PDF-1.4"), 0o644)
	_, errs, _ := run(t, []string{path}, Options{})
	want := path + `: unknown extension ".pdf"; tally reads .txt, .html, .htm, .jsonl, feeds (.xml, .rss, .atom, .json), .warc, .warc.gz, any of them gzipped (.txt.gz ...), folders and http(s) URLs`
	if len(errs) != 1 || errs[0] != want {
		t.Errorf("errors %q, want %q", errs, want)
	}
}
