package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/warc/warctest"
)

// lead is the sentence carrying input n's one figure, "At least n people
// were killed": each input of a test has its own n, so a figure found
// says which input it came from.
func lead(n int) string {
	return fmt.Sprintf("At least %d people were killed when a bus overturned on a mountain road near the town of Arvel on Tuesday, police said.", n)
}

// body is an article's paragraphs around lead(n), long enough for
// article extraction; the other paragraphs carry no number.
func body(n int) string {
	return "<p>" + lead(n) + "</p>\n" +
		"<p>The driver lost control on a sharp bend in heavy rain and the bus rolled down a steep slope into the valley, witnesses told reporters at the scene.</p>\n" +
		"<p>Rescue teams worked through the night to reach the wreck, and the injured were taken to hospitals in the regional capital, the provincial governor said.</p>\n" +
		"<p>The road has been closed while investigators examine the vehicle and the barrier, which residents say had been damaged in a landslide last winter.</p>\n"
}

// page is a news page with lead(n); canonical may be "".
func page(n int, canonical string) string {
	link := ""
	if canonical != "" {
		link = `<link rel="canonical" href="` + canonical + `">`
	}
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bus crash near Arvel</title>` + link +
		`<meta property="og:site_name" content="The Arvel Courier"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
		"<article><h1>Bus crash near Arvel</h1>\n" + body(n) + "</article><footer>© The Arvel Courier</footer></body></html>"
}

// deepPage nests lead(n) inside depth <div> elements, far past the HTML
// parser's 512.
func deepPage(n, depth int) string {
	return "<!doctype html><html><head><title>Deep page</title></head><body>" + strings.Repeat("<div>", depth) +
		body(n) + "<script>var n = 99;</script><nav>Home | World | 77 stories</nav>" + strings.Repeat("</div>", depth) + "</body></html>"
}

func gzipped(t *testing.T, data string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(data))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func rss(n int) string {
	return `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Arvel Courier</title><link>https://courier.example/</link><language>en</language>
<item><title>Bus crash near Arvel</title><link>https://courier.example/rss/` + strconv.Itoa(n) + `</link>
  <pubDate>Tue, 11 Mar 2025 09:00:00 GMT</pubDate><description>A bus overturned.</description>
  <content:encoded><![CDATA[` + body(n) + `]]></content:encoded></item>
</channel></rss>`
}

func atom(n int) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Arvel Courier</title><link href="https://courier.example/"/>
  <entry><title>Bus crash near Arvel</title><link rel="alternate" href="https://courier.example/atom/` + strconv.Itoa(n) + `"/>
    <id>tag:courier.example,2025:` + strconv.Itoa(n) + `</id><updated>2025-03-11T09:00:00Z</updated>
    <content type="html">` + strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(body(n)) + `</content></entry>
</feed>`
}

func jsonFeed(n int) string {
	return `{"version": "https://jsonfeed.org/version/1.1", "title": "Arvel Courier", "home_page_url": "https://courier.example/",
 "items": [{"id": "1", "url": "https://courier.example/json/` + strconv.Itoa(n) + `", "title": "Bus crash near Arvel",
   "date_published": "2025-03-11T09:00:00Z", "content_html": ` + strconv.Quote(body(n)) + `}]}`
}

// warcFile is a WARC of one HTML response with lead(n) at uri: one gzip
// member per record when gz, the whole file gzipped when whole.
func warcFile(t *testing.T, n int, uri string, gz, whole bool) string {
	t.Helper()
	var b bytes.Buffer
	warctest.Record(&b, "warcinfo", 0, "", "2025-03-11T10:00:00Z", "application/warc-fields", []byte("software: tally-test\r\n"), gz, false)
	warctest.Record(&b, "response", 1, uri, "2025-03-11T10:00:01Z", "application/http;msgtype=response",
		warctest.Response("text/html; charset=utf-8", page(n, "")), gz, false)
	if whole {
		return gzipped(t, b.String())
	}
	return b.String()
}

// inputCase is one kind of input: the files it needs, the arguments,
// and the document id each figure value must come from.
type inputCase struct {
	name  string
	files map[string]string // relative path → content
	args  []string          // relative paths are made absolute, URLs are the test site's
	stdin string
	want  map[int]string // figure value → document id (relative paths made absolute)
	warn  string         // in a warning line on stderr; "" for none
	note  string         // in a note line on stderr (skipped files); "" for none
}

// inputCases covers every kind of input tally ingest reads. base is the
// test site's URL.
func inputCases(t *testing.T, base string) []inputCase {
	return []inputCase{
		{name: "text file", files: map[string]string{"plain.txt": lead(11)}, args: []string{"plain.txt"}, want: map[int]string{11: "plain.txt"}},
		{name: "jsonl", files: map[string]string{"docs.jsonl": `{"id": "j12", "text": "` + lead(12) + `"}` + "\n"}, args: []string{"docs.jsonl"}, want: map[int]string{12: "j12"}},
		// A saved page keeps its path as id even though it names its
		// canonical URL.
		{name: "html file", files: map[string]string{"page.html": page(13, "https://courier.example/13")}, args: []string{"page.html"}, want: map[int]string{13: "page.html"}},
		{name: "txt.gz", files: map[string]string{"plain.txt.gz": gzipped(t, lead(21))}, args: []string{"plain.txt.gz"}, want: map[int]string{21: "plain.txt.gz"}},
		{name: "jsonl.gz", files: map[string]string{"docs.jsonl.gz": gzipped(t, `{"id": "j22", "text": "`+lead(22)+`"}`+"\n")}, args: []string{"docs.jsonl.gz"}, want: map[int]string{22: "j22"}},
		{name: "html.gz", files: map[string]string{"page.html.gz": gzipped(t, page(23, ""))}, args: []string{"page.html.gz"}, want: map[int]string{23: "page.html.gz"}},
		{name: "gzip without suffix", files: map[string]string{"saved": gzipped(t, page(24, ""))}, args: []string{"saved"}, want: map[int]string{24: "saved"}},
		{name: "rss file", files: map[string]string{"feed.xml": rss(31)}, args: []string{"feed.xml"}, want: map[int]string{31: "https://courier.example/rss/31"}},
		{name: "atom file", files: map[string]string{"feed.atom": atom(32)}, args: []string{"feed.atom"}, want: map[int]string{32: "https://courier.example/atom/32"}},
		{name: "json feed", files: map[string]string{"feed.json": jsonFeed(33)}, args: []string{"feed.json"}, want: map[int]string{33: "https://courier.example/json/33"}},
		{name: "rss.gz", files: map[string]string{"feed.rss.gz": gzipped(t, rss(34))}, args: []string{"feed.rss.gz"}, want: map[int]string{34: "https://courier.example/rss/34"}},
		{name: "warc", files: map[string]string{"crawl.warc": warcFile(t, 41, "https://archive.example/41", false, false)}, args: []string{"crawl.warc"}, want: map[int]string{41: "https://archive.example/41"}},
		{name: "warc.gz", files: map[string]string{"crawl.warc.gz": warcFile(t, 42, "https://archive.example/42", true, false)}, args: []string{"crawl.warc.gz"}, want: map[int]string{42: "https://archive.example/42"}},
		{name: "whole-file gzip warc", files: map[string]string{"whole.warc.gz": warcFile(t, 43, "https://archive.example/43", false, true)}, args: []string{"whole.warc.gz"}, want: map[int]string{43: "https://archive.example/43"}},
		{name: "folder", files: map[string]string{
			"news/a.txt": lead(51), "news/sub/b.html": page(52, ""), "news/sub/c.jsonl.gz": gzipped(t, `{"id": "j53", "text": "`+lead(53)+`"}`),
			"news/.hidden.txt": lead(58), "news/style.css": "p { color: red }",
		}, args: []string{"news"}, want: map[int]string{51: "news/a.txt", 52: "news/sub/b.html", 53: "j53"}, note: "skipped 1 file in folders"},
		{name: "url", args: []string{"--allow-private", base + "/story/61"}, want: map[int]string{61: base + "/story/61"}},
		{name: "url list", files: map[string]string{"urls.txt": "# today\n" + base + "/story/62\n\n" + base + "/story/63\n"}, args: []string{"--allow-private", "urls.txt"},
			want: map[int]string{62: base + "/story/62", 63: base + "/story/63"}},
		{name: "url list on stdin", stdin: base + "/story/64\n", args: []string{"--allow-private", "-"}, want: map[int]string{64: base + "/story/64"}},
		{name: "url feed", args: []string{"--allow-private", base + "/feed.xml"}, want: map[int]string{65: "https://courier.example/rss/65"}},
		{name: "deep page", files: map[string]string{"deep.html": deepPage(81, 5000)}, args: []string{"deep.html"}, want: map[int]string{81: "deep.html"},
			warn: "deep.html: nested deeper than the HTML parser's 512 elements"},
	}
}

// testSite serves /story/N (a page with lead(N)) and /feed.xml (an RSS
// feed carrying lead(65)).
func testSite(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/story/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.PathValue("n"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page(n, ""))
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, rss(65))
	})
	s := httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// setUp writes the case's files under dir and returns its arguments and
// expected ids with relative paths made absolute.
func (c inputCase) setUp(t *testing.T, dir string) (args []string, want map[int]string) {
	t.Helper()
	top := func(p string) string { first, _, _ := strings.Cut(p, "/"); return first }
	abs := func(p string) string { // a path of one of the case's files
		for f := range c.files {
			if top(f) == top(p) {
				return filepath.Join(dir, p)
			}
		}
		return p
	}
	for p, data := range c.files {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range c.args {
		args = append(args, abs(a))
	}
	want = map[int]string{}
	for v, id := range c.want {
		want[v] = abs(id)
	}
	return args, want
}

// checkStderr: no errors; the case's warning and note, if any, and
// nothing else.
func (c inputCase) checkStderr(t *testing.T, code int, errs string) {
	t.Helper()
	if code != 0 {
		t.Errorf("exit %d, stderr:\n%s", code, errs)
	}
	lines := 0
	for _, want := range []string{c.warn, c.note} {
		if want != "" {
			lines++
			if !strings.Contains(errs, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errs)
			}
		}
	}
	if n := strings.Count(errs, "\n"); n != lines {
		t.Errorf("stderr has %d lines, want %d:\n%s", n, lines, errs)
	}
}

// Every kind of input tally ingest reads, through tally extract: each
// figure comes from the document it should, under the id scripts rely on.
func TestExtractEveryInputKind(t *testing.T) {
	site := testSite(t)
	for _, c := range inputCases(t, site.URL) {
		t.Run(c.name, func(t *testing.T) {
			args, want := c.setUp(t, t.TempDir())
			code, out, errs := tallyExtract(c.stdin, append([]string{"--published", "2025-03-11"}, args...)...)
			c.checkStderr(t, code, errs)
			got := map[int]string{}
			for _, f := range decodeFigures(t, out) {
				if f.Value != nil {
					got[int(*f.Value)] = f.Doc
				}
			}
			for v, id := range want {
				if got[v] != id {
					t.Errorf("figure %d: doc %q, want %q (all: %v)", v, got[v], id, got)
				}
			}
			if len(got) != len(want) {
				t.Errorf("figures %v, want %v", got, want)
			}
		})
	}
}

// The same inputs through tally text: each document's text, under a
// header naming it when there are several.
func TestTextEveryInputKind(t *testing.T) {
	site := testSite(t)
	for _, c := range inputCases(t, site.URL) {
		t.Run(c.name, func(t *testing.T) {
			args, want := c.setUp(t, t.TempDir())
			code, out, errs := tallyText(c.stdin, args...)
			c.checkStderr(t, code, errs)
			for v, id := range want {
				if !strings.Contains(out, lead(v)) {
					t.Errorf("text of %s missing:\n%s", id, out)
				}
				if header := "==> " + id + " <=="; len(want) > 1 && !strings.Contains(out, header) {
					t.Errorf("no header %q:\n%s", header, out)
				}
			}
			if len(want) == 1 && strings.Contains(out, "==> ") {
				t.Errorf("a header for one document:\n%s", out)
			}
			if strings.Contains(out, "var n") || strings.Contains(out, "77 stories") || strings.Contains(out, "Home") {
				t.Errorf("script or navigation in the text:\n%s", out)
			}
		})
	}
}

// A URL is fetched by the rules tally ingest follows: a server on a
// private or loopback address is refused without --allow-private.
func TestExtractURLRefusesPrivate(t *testing.T) {
	site := testSite(t)
	code, out, errs := tallyExtract("", site.URL+"/story/61")
	if code != 1 || out != "" {
		t.Errorf("exit %d, output %q", code, out)
	}
	if !strings.Contains(errs, "--allow-private") || strings.Count(errs, "\n") != 1 {
		t.Errorf("want one line pointing at --allow-private, got:\n%s", errs)
	}
}

// "--" ends the options in every reading command: a file whose name starts
// with "-" can be named after it.
func TestDashDashEndsOptions(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "-dash.txt"), []byte(lead(71)), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	code, out, errs := tallyExtract("", "--format", "jsonl", "--", "-dash.txt")
	if figs := decodeFigures(t, out); code != 0 || errs != "" || len(figs) != 1 || figs[0].Doc != "-dash.txt" {
		t.Errorf("extract: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
	code, out, errs = tallyText("", "--", "-dash.txt")
	if code != 0 || errs != "" || !strings.Contains(out, lead(71)) {
		t.Errorf("text: exit %d, stderr %q, output:\n%s", code, errs, out)
	}
	// Without "--" it is an unknown flag, said so.
	if code, _, errs := tallyExtract("", "-dash.txt"); code != 2 || !strings.Contains(errs, "dash.txt") {
		t.Errorf("without --: exit %d, stderr %q", code, errs)
	}
	db := filepath.Join(dir, "ledger.db")
	code, _, errs = tallyText("", "--format", "text", "--", "-dash.txt", "--format")
	if code != 1 || !strings.Contains(errs, "--format: no such file") {
		t.Errorf("a file named --format after --: exit %d, stderr %q", code, errs)
	}
	cmd := tallyCmd("ingest", "--quiet", "--db", db, "--", "-dash.txt")
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "1 new") {
		t.Errorf("ingest: %v\n%s", err, out)
	}
}

// tally ingest reads the same inputs (gzipped ones too): each case
// stores its documents.
func TestIngestEveryInputKind(t *testing.T) {
	site := testSite(t)
	for _, c := range inputCases(t, site.URL) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			args, want := c.setUp(t, dir)
			db := filepath.Join(dir, "ledger.db")
			var out, errb bytes.Buffer
			code := run(append([]string{"ingest", "--quiet", "--db", db}, args...), strings.NewReader(c.stdin), &out, &errb)
			if code != 0 {
				t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
			}
			if c.warn != "" && !(strings.Contains(errb.String(), "tally ingest: warning: ") && strings.Contains(errb.String(), c.warn)) {
				t.Errorf("no warning %q:\n%s", c.warn, errb.String())
			}
			if got := ledgerStats(t, db).Documents; got != len(want) {
				t.Errorf("%d documents stored, want %d:\n%s", got, len(want), errb.String())
			}
		})
	}
}
