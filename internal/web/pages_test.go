package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parseHTML parses a page, failing the test on a parse error.
func parseHTML(t testing.TB, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// findAll returns the elements for which match holds, in document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func byID(doc *html.Node, id string) *html.Node {
	if ns := findAll(doc, func(n *html.Node) bool { return attr(n, "id") == id }); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

// checkPage checks what every page needs: a title, the viewport, a skip
// link to the main content, and a label for every form field.
func checkPage(t *testing.T, path, body string) *html.Node {
	t.Helper()
	doc := parseHTML(t, body)
	if len(findAll(doc, func(n *html.Node) bool { return n.Data == "title" && n.Parent.Data == "head" })) != 1 {
		t.Errorf("%s: no <title>", path)
	}
	if len(findAll(doc, func(n *html.Node) bool { return n.Data == "meta" && attr(n, "name") == "viewport" })) != 1 {
		t.Errorf("%s: no viewport meta", path)
	}
	if len(findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "#main" })) != 1 || byID(doc, "main") == nil {
		t.Errorf("%s: no skip link to #main", path)
	}
	for _, in := range findAll(doc, func(n *html.Node) bool {
		return (n.Data == "input" && attr(n, "type") != "hidden") || n.Data == "select"
	}) {
		id := attr(in, "id")
		if id == "" || len(findAll(doc, func(n *html.Node) bool { return n.Data == "label" && attr(n, "for") == id })) != 1 {
			t.Errorf("%s: field %q has no label", path, attr(in, "name"))
		}
	}
	return doc
}

func TestSearchPage(t *testing.T) {
	f := newFixture(t, Options{})
	code, body := f.get(t, "/")
	doc := checkPage(t, "/", body)
	rows := findAll(doc, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
	if code != 200 || len(rows) < 20 || !strings.Contains(body, "Latest figures") {
		t.Fatalf("front page: %d, %d rows", code, len(rows))
	}

	code, body = f.get(t, "/?q=wounded&measure=casualties")
	doc = checkPage(t, "/?q", body)
	rows = findAll(doc, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
	if code != 200 || len(rows) == 0 || len(rows) > 20 {
		t.Fatalf("search: %d, %d rows", code, len(rows))
	}
	for _, r := range rows {
		txt := strings.ToLower(textOf(r))
		if !strings.Contains(txt, "wounded") || !strings.Contains(txt, "casualties") {
			t.Errorf("row does not match: %s", txt)
		}
		ev := findAll(r, func(n *html.Node) bool { return hasClass(n, "evidence") })
		if len(ev) != 1 || !strings.HasPrefix(attr(ev[0], "href"), "/documents/") {
			t.Errorf("row without evidence link: %s", txt)
		}
		if len(findAll(r, func(n *html.Node) bool { return n.Data == "b" })) != 1 {
			t.Errorf("number not emphasised in the sentence: %s", txt)
		}
	}
	// The form keeps what was asked.
	if q := byID(doc, "q"); q == nil || attr(q, "value") != "wounded" {
		t.Error("search box lost the query")
	}
	if sel := findAll(doc, func(n *html.Node) bool { return n.Data == "option" && hasAttr(n, "selected") }); len(sel) != 1 || attr(sel[0], "value") != "casualties" {
		t.Error("measure not kept selected")
	}

	code, body = f.get(t, "/?since=2025-99-01")
	if code != http.StatusBadRequest || !strings.Contains(body, "since") || !strings.Contains(body, `role="alert"`) {
		t.Errorf("bad date: %d", code)
	}
	// The pages ignore parameters they do not know (a bookmarklet's utm_…).
	if code, _ := f.get(t, "/?utm_source=x"); code != 200 {
		t.Errorf("unknown parameter: %d", code)
	}
	if code, body := f.get(t, "/?q=zebra"); code != 200 || !strings.Contains(body, "No stored figure matches") {
		t.Errorf("no results: %d", code)
	}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func TestSeriesListPage(t *testing.T) {
	f := newFixture(t, Options{})
	code, body := f.get(t, "/series")
	doc := checkPage(t, "/series", body)
	links := findAll(doc, func(n *html.Node) bool {
		return n.Data == "a" && attr(n, "href") == "/series/North%20Korea%2Fcasualties"
	})
	if code != 200 || len(links) != 1 || textOf(links[0]) != ncSeries {
		t.Errorf("series list: %d, %d links to %s", code, len(links), ncSeries)
	}
	_, body = f.get(t, "/series?q=displaced")
	if strings.Contains(body, "North Korea/casualties") || !strings.Contains(body, "displaced") {
		t.Error("filter q=displaced")
	}
	// Every row links to a page that exists: the list is of series ids,
	// incidents and periods included, never a bare counted/measure that
	// has been divided.
	_, body = f.get(t, "/series")
	rows := findAll(checkPage(t, "/series", body), func(n *html.Node) bool {
		return n.Data == "a" && strings.HasPrefix(attr(n, "href"), "/series/")
	})
	parts := 0
	for _, a := range rows {
		if code, _ := f.get(t, attr(a, "href")); code != 200 {
			t.Errorf("series list links to %s: %d", attr(a, "href"), code)
		}
		if strings.Contains(textOf(a), "#") {
			parts++
		}
	}
	if len(rows) < 5 || parts == 0 {
		t.Errorf("%d series rows, %d incidents or periods", len(rows), parts)
	}
}

// The series page says what the series is, shows the rules that made it,
// tells stated dates from publication dates, and marks asides.
func TestSeriesPageRules(t *testing.T) {
	f := newFixture(t, Options{})
	code, body := f.get(t, seriesPath(ncSeries))
	if code != 200 {
		t.Fatalf("%d", code)
	}
	doc := checkPage(t, ncSeries, body)
	rules := findAll(doc, func(n *html.Node) bool { return n.Data == "dl" && hasClass(n, "rules") })
	if len(rules) != 1 || !strings.Contains(textOf(rules[0]), "Subsets and background") || !strings.Contains(body, "The running total") {
		t.Errorf("no rules or kind on the series page")
	}
	var tl timelineJSON
	f.getJSON(t, timelinePath(ncSeries), 200, &tl)
	stated, published := 0, 0
	for _, c := range tl.Claims {
		switch c.DatePrecision {
		case "day":
			stated++
		case "published":
			published++
		}
		if c.ClaimID == "" {
			t.Errorf("claim %d has no id", c.ID)
		}
	}
	var list struct {
		Series []seriesInfoJSON `json:"series"`
	}
	f.getJSON(t, "/api/series", 200, &list)
	pubPage := ""
	for _, si := range list.Series {
		if si.Kind == "" {
			t.Errorf("series %s has no kind", si.Key)
		}
		var tl timelineJSON
		f.getJSON(t, si.Timeline, 200, &tl)
		for _, c := range tl.Claims {
			if c.DatePrecision == "published" {
				published++
				pubPage = si.Page
			}
		}
	}
	if tl.Kind != "total" || stated == 0 || published == 0 {
		t.Fatalf("kind %q, %d stated and %d published dates", tl.Kind, stated, published)
	}
	if _, body := f.get(t, pubPage); !strings.Contains(body, "published 20") {
		t.Errorf("%s does not show a publication date as such", pubPage)
	}
}

// TestSeriesPage: the chart has a mark per claim, each linking to its
// evidence, with a legend, the consensus band, conflict lines, an
// accessible title and description, and the table of the same claims.
func TestSeriesPage(t *testing.T) {
	f := newFixture(t, Options{})
	var tl timelineJSON
	f.getJSON(t, timelinePath(ncSeries), 200, &tl)

	for _, path := range []string{seriesPath(ncSeries), "/series/North%20Korea/casualties", "/series/north%20korea%2Fcasualties"} {
		code, body := f.get(t, path)
		if code != 200 {
			t.Fatalf("%s: %d", path, code)
		}
		doc := checkPage(t, path, body)
		svg := byID(doc, "chart")
		if svg == nil || svg.Data != "svg" {
			t.Fatalf("%s: no svg#chart", path)
		}
		title, desc := byID(doc, "chart-title"), byID(doc, "chart-desc")
		if title == nil || desc == nil || !strings.Contains(textOf(title), ncSeries) ||
			!strings.Contains(textOf(desc), strconv.Itoa(len(tl.Claims))+" claims") {
			t.Errorf("chart title/desc missing or wrong")
		}
		marks := findAll(svg, func(n *html.Node) bool { return hasClass(n, "mark") })
		if len(marks) != len(tl.Claims) {
			t.Errorf("%d marks for %d claims", len(marks), len(tl.Claims))
		}
		ids := map[string]bool{}
		for _, m := range marks {
			ids[attr(m, "data-claim")] = true
			if !strings.HasPrefix(attr(m, "href"), "/documents/") || len(findAll(m, func(n *html.Node) bool { return n.Data == "title" })) != 1 {
				t.Errorf("mark %s: no evidence link or title", attr(m, "data-claim"))
			}
		}
		if len(ids) != len(tl.Claims) {
			t.Errorf("marks name %d distinct claims, want %d", len(ids), len(tl.Claims))
		}
		if len(findAll(svg, func(n *html.Node) bool { return hasClass(n, "band") })) != 2 { // band + its legend swatch
			t.Error("no consensus band")
		}
		if got := len(findAll(svg, func(n *html.Node) bool { return hasClass(n, "conflict") })); got != len(tl.Conflicts) {
			t.Errorf("%d conflict marks, %d conflicts", got, len(tl.Conflicts))
		}
		if len(findAll(svg, func(n *html.Node) bool { return hasClass(n, "arrow") })) == 0 {
			t.Error("no arrow for the open intervals (\"more than 1,000\")")
		}
		legend := findAll(svg, func(n *html.Node) bool { return hasClass(n, "legend-item") })
		if len(legend) != len(tl.Rows)+2 {
			t.Errorf("%d legend items for %d sources + band + conflict", len(legend), len(tl.Rows))
		}
		rows := findAll(byID(doc, "claims"), func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
		if len(rows) != len(tl.Claims) {
			t.Errorf("%d table rows for %d claims", len(rows), len(tl.Claims))
		}
	}

	// Every series of the demo renders, with a mark per claim.
	var list struct{ Series []seriesInfoJSON }
	f.getJSON(t, "/api/series", 200, &list)
	for _, si := range list.Series {
		var tl timelineJSON
		f.getJSON(t, si.Timeline, 200, &tl)
		code, body := f.get(t, si.Page)
		marks := findAll(parseHTML(t, body), func(n *html.Node) bool { return hasClass(n, "mark") })
		if code != 200 || len(marks) != len(tl.Claims) || len(tl.Claims) == 0 {
			t.Errorf("%s: %d, %d marks for %d claims", si.Page, code, len(marks), len(tl.Claims))
		}
	}

	// Methods and the bare prefix.
	resp, err := http.Post(f.ts.URL+"/series", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET" {
		t.Errorf("POST /series: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	resp, err = http.Get(f.ts.URL + "/series/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/series" {
		t.Errorf("/series/ went to %s (%d)", resp.Request.URL.Path, resp.StatusCode)
	}

	for path, want := range map[string]int{
		"/series/" + url.PathEscape("Atlantis/killed"): 404,
		"/series/nonsense":         400,
		"/documents/nope":          404,
		"/documents/seed?figure=x": 400,
		"/no/such/page":            404,
		"/static/nope.css":         404,
	} {
		if code, body := f.get(t, path); code != want || !strings.Contains(body, "<!doctype html>") {
			t.Errorf("%s: %d, want %d as a page", path, code, want)
		}
	}
}

// TestEvidencePage: the figure's sentence is in <mark>, its number in a
// span, the original linked safely.
func TestEvidencePage(t *testing.T) {
	f := newFixture(t, Options{})
	var d struct {
		Document documentJSON
		Figures  []figureJSON
	}
	f.getJSON(t, "/api/documents/seed", 200, &d)
	for _, fig := range d.Figures {
		code, body := f.get(t, fig.Evidence)
		if code != 200 {
			t.Fatalf("%s: %d", fig.Evidence, code)
		}
		doc := checkPage(t, fig.Evidence, body)
		mark := byID(doc, "figure")
		if mark == nil || mark.Data != "mark" {
			t.Fatalf("%s: no mark#figure", fig.Evidence)
		}
		if got := textOf(mark); got != fig.Sentence {
			t.Errorf("%s: highlighted %q, want the sentence %q", fig.Evidence, got, fig.Sentence)
		}
		num := byID(doc, "number")
		if num == nil || num.Data != "span" || textOf(num) != fig.NumberText || num.Parent != mark {
			t.Errorf("%s: number %q not emphasised in the sentence", fig.Evidence, fig.NumberText)
		}
		// The article text is all there, in order.
		text := findAll(doc, func(n *html.Node) bool { return hasClass(n, "article-text") })
		if len(text) != 1 || textOf(text[0]) != d.Document.Text {
			t.Errorf("%s: article text altered", fig.Evidence)
		}
	}
	// The seed has no URL; a sample with one links out safely.
	_, body := f.get(t, "/documents/wire-2024-12-23-jcs")
	doc := parseHTML(t, body)
	out := findAll(doc, func(n *html.Node) bool { return hasClass(n, "out") })
	if len(out) != 1 || attr(out[0], "href") != "https://example.org/wire/2024/12/23/jcs-casualties" || attr(out[0], "rel") != "noopener noreferrer" {
		t.Errorf("link out: %v", out)
	}
	if byID(doc, "figure") != nil {
		t.Error("a highlight without a figure asked for")
	}
	// An offset where no figure starts: the article, whole, with a note.
	code, body := f.get(t, "/documents/seed?figure=3")
	if code != 200 || !strings.Contains(body, "No figure starts at offset 3") {
		t.Errorf("unknown figure offset: %d", code)
	}
}

func TestStatic(t *testing.T) {
	f := newFixture(t, Options{})
	for name, ctype := range map[string]string{"style.css": "text/css", "app.js": "text/javascript", "favicon.svg": "image/svg+xml"} {
		resp, err := http.Get(f.ts.URL + "/static/" + name + "?v=" + staticFiles[name].version)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) ||
			!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %v", name, resp.StatusCode, resp.Header)
		}
	}
}
