package web

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestXSS ingests hostile articles — <script> in the text, title and
// publisher, javascript: and data: URLs, attribute-breaking quotes, and
// payloads in source, counted group and relay — and checks that no page
// that shows them (search, series list, series and chart, evidence,
// error pages that echo the request) contains anything that could run.
func TestXSS(t *testing.T) {
	f := newFixture(t, Options{})
	sum, err := f.ing.IngestDocuments(ctx, xssDocs())
	if err != nil || sum.New != len(xssDocs()) {
		t.Fatalf("ingest: %v %+v", err, sum)
	}
	third := xssThird()
	if _, err := f.st.Add(ctx, third, xssFigures(third)); err != nil {
		t.Fatal(err)
	}
	hostileKey := `</svg><script>alert('counted')</script>"Land/killed`

	pages := []string{
		"/",
		"/?q=killed",
		"/?q=" + url.QueryEscape(`"><script>alert('q')</script>`),
		"/?counted=" + url.QueryEscape(`'><script>alert('c')</script>`) + "&source=" + url.QueryEscape(`" autofocus onfocus="alert(1)`),
		"/?since=" + url.QueryEscape(`"><script>alert('since')</script>`), // a 400 page echoing the parameter
		"/series",
		"/series?q=" + url.QueryEscape(`"><script>alert('sq')</script>`),
		seriesPath(hostileKey),
		seriesPath("unknown/killed"),
		seriesPath("unknown/wounded"),
		seriesPath(`<script>alert('k')</script>/killed`), // 404 page echoing the key
		documentPath(xssDocs()[0].ID),
		documentPath(xssDocs()[1].ID),
		documentPath(third.ID),
		documentPath(`<script>alert('d')</script>`),
		documentPath(third.ID) + "?figure=" + url.QueryEscape(`"><script>alert('f')</script>`),
	}
	// Every figure's evidence page.
	for _, d := range append(xssDocs(), third) {
		var doc struct{ Figures []figureJSON }
		f.getJSON(t, "/api/documents/"+url.PathEscape(d.ID), 200, &doc)
		if len(doc.Figures) == 0 {
			t.Errorf("%s: no figures; the test would not exercise the pages", d.ID)
		}
		for _, fig := range doc.Figures {
			pages = append(pages, fig.Evidence)
		}
	}
	for _, p := range pages {
		code, body := f.get(t, p)
		if code >= 500 {
			t.Errorf("%s: status %d", p, code)
		}
		checkInert(t, p, body)
	}

	// The hostile text is shown, as text.
	_, body := f.get(t, evidencePath(third.ID, indexOf(third.Text, "1,000")))
	doc := parseHTML(t, body)
	if m := byID(doc, "figure"); m == nil || !strings.Contains(textOf(m), "<script>alert('third')</script>") {
		t.Error("hostile sentence not shown as text in the evidence view")
	}
	_, body = f.get(t, seriesPath(hostileKey))
	doc = parseHTML(t, body)
	if h1 := findAll(doc, func(n *html.Node) bool { return n.Data == "h1" }); len(h1) != 1 || textOf(h1[0]) != hostileKey {
		t.Errorf("series page heading lost the key")
	}
	if len(findAll(byID(doc, "chart"), func(n *html.Node) bool { return hasClass(n, "mark") })) != 2 {
		t.Error("hostile series chart lacks its marks")
	}

	// JSON answers escape markup too, so a browser can never read them
	// as HTML.
	for _, p := range []string{"/api/figures?q=killed", "/api/documents/xss-three", timelinePath(hostileKey)} {
		code, body := f.get(t, p)
		if code != 200 || strings.Contains(body, "<script") || strings.Contains(body, "<img") {
			t.Errorf("%s: %d, raw markup in JSON", p, code)
		}
	}
}

// checkInert fails the test if a page holds anything that could run: a
// script other than ours, an event handler attribute, a URL with a
// scheme other than http and https, an inline style, or an element that
// loads or embeds content.
func checkInert(t *testing.T, path, body string) {
	t.Helper()
	for _, raw := range []string{"<script>alert", "<img", "<svg onload", "<b onmouseover", "<i>people"} {
		if strings.Contains(body, raw) {
			t.Errorf("%s: unescaped %q", path, raw)
		}
	}
	doc := parseHTML(t, body)
	appJS := "/static/app.js?v=" + staticFiles["app.js"].version
	for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
		switch n.Data {
		case "script":
			if attr(n, "src") != appJS || n.FirstChild != nil {
				t.Errorf("%s: foreign script %q %q", path, attr(n, "src"), textOf(n))
			}
		case "img", "iframe", "object", "embed", "base", "frame", "frameset", "meta", "link", "form", "svg", "style":
			if !allowedElement(n) {
				t.Errorf("%s: unexpected <%s %v>", path, n.Data, n.Attr)
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			switch {
			case strings.HasPrefix(key, "on"), key == "style", key == "autofocus", key == "formaction", key == "srcdoc":
				t.Errorf("%s: <%s> has attribute %s=%q", path, n.Data, a.Key, a.Val)
			case key == "href" || key == "src" || key == "action" || strings.HasSuffix(key, ":href"):
				u, err := url.Parse(strings.TrimSpace(a.Val))
				if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") {
					t.Errorf("%s: <%s %s=%q>", path, n.Data, a.Key, a.Val)
				}
				if err == nil && u.Scheme != "" && n.Data == "a" && attr(n, "rel") != "noopener noreferrer" {
					t.Errorf("%s: outbound link %q without rel=noopener noreferrer", path, a.Val)
				}
			}
		}
	}
}

// allowedElement: the elements of that list our own templates use.
func allowedElement(n *html.Node) bool {
	switch n.Data {
	case "meta":
		return attr(n, "charset") != "" || attr(n, "name") == "viewport"
	case "link":
		return strings.HasPrefix(attr(n, "href"), "/static/")
	case "form":
		return attr(n, "action") == "/" || attr(n, "action") == "/series"
	case "svg":
		return attr(n, "id") == "chart" || hasClass(n, "swatch")
	}
	return false
}
