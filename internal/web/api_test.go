package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

type figureList struct {
	Count     int          `json:"count"`
	Limit     int          `json:"limit"`
	Truncated bool         `json:"truncated"`
	Figures   []figureJSON `json:"figures"`
}

func TestAPIFigures(t *testing.T) {
	f := newFixture(t, Options{})
	var all figureList
	f.getJSON(t, "/api/figures", 200, &all)
	if all.Count < 20 || all.Count != len(all.Figures) || all.Limit != DefaultLimit || all.Truncated {
		t.Fatalf("all figures: count %d, %d figures, limit %d, truncated %v", all.Count, len(all.Figures), all.Limit, all.Truncated)
	}
	for i := 1; i < len(all.Figures); i++ {
		a, b := all.Figures[i-1].Day, all.Figures[i].Day
		if b != "" && a < b {
			t.Errorf("not newest first: %s before %s", a, b)
		}
	}
	for _, fig := range all.Figures {
		if !strings.HasPrefix(fig.Evidence, "/documents/") || !strings.Contains(fig.Evidence, "?figure=") {
			t.Errorf("evidence path %q", fig.Evidence)
		}
	}

	tests := []struct {
		query string
		check func(fig figureJSON) bool
	}{
		{"measure=casualties", func(g figureJSON) bool { return g.Measure == "casualties" }},
		{"measure=CASUALTIES", func(g figureJSON) bool { return g.Measure == "casualties" }},
		{"counted=north+korea", func(g figureJSON) bool { return deref(g.Counted) == "North Korea" }},
		{"series=" + url.QueryEscape(ncSeries), func(g figureJSON) bool { return g.Series == ncSeries }},
		// A part of a divided series is its own: a week's count is not in
		// the running total's figures, nor they in its.
		{"series=" + url.QueryEscape(ncWeek), func(g figureJSON) bool { return g.Series == ncWeek }},
		// An alias the ledger has seen in a sentence finds the canonical source.
		{"source=JCS", func(g figureJSON) bool { return strings.Contains(g.Source, "Joint Chiefs of Staff") }},
		{"since=2025-01-01", func(g figureJSON) bool { return g.Day >= "2025-01-01" }},
		{"until=2024-12-31", func(g figureJSON) bool { return g.Day != "" && g.Day <= "2024-12-31" }},
		{"since=2024-12-20&until=2024-12-24", func(g figureJSON) bool { return g.Day >= "2024-12-20" && g.Day <= "2024-12-24" }},
		// Full-text search matches by stem: "kill" finds "killed".
		{"q=kill", func(g figureJSON) bool { return strings.Contains(strings.ToLower(g.Sentence), "kill") }},
		{"q=Kursk+wounded", func(g figureJSON) bool {
			s := strings.ToLower(g.Sentence)
			return strings.Contains(s, "kursk") && strings.Contains(s, "wounded")
		}},
	}
	for _, tc := range tests {
		var got figureList
		f.getJSON(t, "/api/figures?"+tc.query, 200, &got)
		if got.Count == 0 || got.Count >= all.Count {
			t.Errorf("%s: %d of %d figures; want some but not all", tc.query, got.Count, all.Count)
		}
		for _, fig := range got.Figures {
			if !tc.check(fig) {
				t.Errorf("%s: wrong figure %q (%s, %s, %s, %s)", tc.query, fig.NumberText, fig.Measure, fig.Source, fig.Day, fig.Sentence)
			}
		}
	}

	var two figureList
	f.getJSON(t, "/api/figures?limit=2", 200, &two)
	if two.Count != 2 || !two.Truncated || two.Limit != 2 {
		t.Errorf("limit=2: count %d truncated %v limit %d", two.Count, two.Truncated, two.Limit)
	}
	if code, body := f.get(t, "/api/figures?q=zebra"); code != 200 || !strings.Contains(body, `"figures":[]`) {
		t.Errorf("q=zebra: %d %s", code, body)
	}
}

func TestAPIBadParameters(t *testing.T) {
	f := newFixture(t, Options{})
	tests := []struct{ path, param string }{
		{"/api/figures?measure=deaths", "measure"},
		{"/api/figures?since=2024-13-01", "since"},
		{"/api/figures?until=yesterday", "until"},
		{"/api/figures?since=2025-02-01&until=2025-01-01", "since"},
		{"/api/figures?limit=0", "limit"},
		{"/api/figures?limit=many", "limit"},
		{"/api/figures?limit=1000000", "limit"},
		{"/api/figures?q=%21%21%21", "q"},
		{"/api/figures?q=" + strings.Repeat("a", 600), "q"},
		{"/api/figures?q=%ff%fe", "q"},
		{"/api/figures?series=Korea", "series"},
		{"/api/figures?serie=x", "serie"},
		{"/api/figures?measure=killed&measure=wounded", "measure"},
		{"/api/series?measure=killed", "measure"},
		{"/api/series/nonsense/timeline", "key"},
		{"/api/series/" + url.PathEscape(ncSeries) + "/timeline?x=1", "x"},
		{"/api/documents/seed?figure=1", "figure"},
	}
	for _, tc := range tests {
		var e errorJSON
		f.getJSON(t, tc.path, http.StatusBadRequest, &e)
		if e.Parameter != tc.param || e.Status != 400 || !strings.Contains(e.Error, tc.param) {
			t.Errorf("%s: error %+v; want parameter %q named in the message", tc.path, e, tc.param)
		}
	}
}

func TestAPINotFound(t *testing.T) {
	f := newFixture(t, Options{})
	for _, path := range []string{
		"/api/series/" + url.PathEscape("Atlantis/killed") + "/timeline",
		"/api/documents/no-such-document",
		"/api/nothing",
		"/api/series/North Korea/casualties/timeline", // slashes not escaped
	} {
		var e errorJSON
		f.getJSON(t, path, http.StatusNotFound, &e)
		if e.Error == "" || e.Status != 404 {
			t.Errorf("%s: %+v", path, e)
		}
	}
	// A route that exists for another method.
	resp, body := f.post(t, "/api/figures", "", "application/json", "{}")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET" || !strings.Contains(body, `"error"`) {
		t.Errorf("POST /api/figures: %d Allow %q %s", resp.StatusCode, resp.Header.Get("Allow"), body)
	}
	var e errorJSON
	f.getJSON(t, "/api/ingest", http.StatusMethodNotAllowed, &e)
}

func TestAPISeriesAndTimeline(t *testing.T) {
	f := newFixture(t, Options{})
	var list struct{ Series []seriesInfoJSON }
	f.getJSON(t, "/api/series", 200, &list)
	var nc *seriesInfoJSON
	for i := range list.Series {
		if list.Series[i].Key == ncSeries {
			nc = &list.Series[i]
		}
	}
	if nc == nil {
		t.Fatalf("no %s in %+v", ncSeries, list.Series)
	}
	if nc.Figures < 5 || nc.Sources < 3 || nc.Timeline != "/api/series/North%20Korea%2Fcasualties/timeline" ||
		nc.Page != "/series/North%20Korea%2Fcasualties" {
		t.Errorf("series entry %+v", *nc)
	}
	var filtered struct{ Series []seriesInfoJSON }
	f.getJSON(t, "/api/series?q=CASUAL", 200, &filtered)
	if len(filtered.Series) == 0 || len(filtered.Series) >= len(list.Series) {
		t.Errorf("q=CASUAL kept %d of %d series", len(filtered.Series), len(list.Series))
	}

	var tl timelineJSON
	f.getJSON(t, nc.Timeline, 200, &tl)
	if tl.Key != ncSeries || tl.Measure != "casualties" || !tl.Cumulative || tl.From == "" || tl.To < tl.From {
		t.Errorf("timeline head: %+v", tl)
	}
	sources := map[string]bool{}
	for i, c := range tl.Claims {
		if c.ID != i || len(c.Reports) == 0 || c.Evidence == "" || c.Text == "" {
			t.Errorf("claim %d: %+v", i, c)
		}
		sources[c.Source] = true
	}
	for _, want := range []string{"Joint Chiefs of Staff (South Korea)", "Volodymyr Zelensky"} {
		if !sources[want] {
			t.Errorf("no claim by %s; sources %v", want, sources)
		}
	}
	seen := 0
	for _, r := range tl.Rows {
		for _, id := range r.Claims {
			if id < 0 || id >= len(tl.Claims) || tl.Claims[id].Source != r.Source {
				t.Errorf("row %s lists claim %d", r.Source, id)
			}
			seen++
		}
	}
	if seen != len(tl.Claims) {
		t.Errorf("rows hold %d claims, series %d", seen, len(tl.Claims))
	}
	if tl.Consensus == nil || tl.Consensus.Low <= 0 || tl.Consensus.High < tl.Consensus.Low || len(tl.Consensus.Claims) == 0 {
		t.Errorf("consensus %+v", tl.Consensus)
	}
	// The JCS's 1,100 and Zelensky's 3,000 of the same days cannot both hold.
	if len(tl.Conflicts) == 0 {
		t.Fatal("no conflicts in North Korea/casualties")
	}
	for _, c := range tl.Conflicts {
		if c.A == c.B || c.A >= len(tl.Claims) || c.B >= len(tl.Claims) || c.Reason == "" {
			t.Errorf("conflict %+v", c)
		}
	}
	// Open intervals come out as "high": null.
	var raw map[string]any
	f.getJSON(t, nc.Timeline, 200, &raw)
	if !strings.Contains(mustJSON(t, raw), `"high":null`) {
		t.Error(`no open interval ("high": null) in the timeline`)
	}
	// Keys match ignoring case.
	var lower timelineJSON
	f.getJSON(t, "/api/series/"+url.PathEscape("north korea/CASUALTIES")+"/timeline", 200, &lower)
	if len(lower.Claims) != len(tl.Claims) {
		t.Errorf("lower-case key: %d claims, want %d", len(lower.Claims), len(tl.Claims))
	}
}

func TestAPIDocument(t *testing.T) {
	f := newFixture(t, Options{})
	var d struct {
		Document documentJSON
		Figures  []figureJSON
	}
	f.getJSON(t, "/api/documents/seed", 200, &d)
	if d.Document.ID != "seed" || d.Document.Published != "2024-12-23" || len(d.Document.Text) < 1000 || d.Document.Status != "new" {
		t.Errorf("document %+v", d.Document)
	}
	if len(d.Figures) < 3 {
		t.Fatalf("%d figures in the seed", len(d.Figures))
	}
	for i, fig := range d.Figures {
		if i > 0 && fig.Span[0] < d.Figures[i-1].Span[0] {
			t.Errorf("figures not in text order")
		}
		if got := d.Document.Text[fig.Span[0]:fig.Span[1]]; got != fig.NumberText {
			t.Errorf("span %v reads %q, want %q", fig.Span, got, fig.NumberText)
		}
	}

	// An id holding a slash, escaped or not.
	sum, err := f.ing.IngestDocuments(ctx, []claim.Document{{ID: "feeds/a b.txt", Text: "At least 40 people were killed in the avalanche, police said on Monday.", Published: "2025-03-03"}})
	if err != nil || sum.New != 1 {
		t.Fatalf("ingest: %v %+v", err, sum)
	}
	for _, path := range []string{"/api/documents/feeds%2Fa%20b.txt", "/api/documents/feeds/a%20b.txt"} {
		f.getJSON(t, path, 200, &d)
		if d.Document.ID != "feeds/a b.txt" {
			t.Errorf("%s: got %q", path, d.Document.ID)
		}
	}
}

func TestAPIStatsAndOpenAPIServed(t *testing.T) {
	f := newFixture(t, Options{})
	var st map[string]int
	f.getJSON(t, "/api/stats", 200, &st)
	if st["documents"] != 11 || st["figures"] == 0 || st["series"] == 0 {
		t.Errorf("stats %v", st)
	}
	var spec map[string]any
	f.getJSON(t, "/api/openapi.json", 200, &spec)
	if spec["openapi"] == nil {
		t.Error("no openapi field")
	}
}

// TestIngestToken: no endpoint writes without the token.
func TestIngestToken(t *testing.T) {
	doc := `{"documents":[{"id":"t1","url":"https://example.org/t1","published":"2025-03-01","title":"Flood",` +
		`"text":"At least 40 people were killed in the avalanche, police said on Monday."}]}`

	open := newFixture(t, Options{}) // started without --token
	resp, body := open.post(t, "/api/ingest", "anything", "application/json", doc)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "--token") {
		t.Errorf("no token configured: %d %s", resp.StatusCode, body)
	}

	f := newFixture(t, Options{Token: "s3cret", MaxBodyBytes: 4096})
	for _, tc := range []struct{ token, auth string }{{"", ""}, {"wrong", ""}, {"", "Basic czNjcmV0"}, {"s3cret ", "Token s3cret"}} {
		req, _ := http.NewRequest(http.MethodPost, f.ts.URL+"/api/ingest", strings.NewReader(doc))
		req.Header.Set("Content-Type", "application/json")
		if tc.token != "" {
			req.Header.Set("Authorization", "Bearer "+tc.token)
		}
		if tc.auth != "" {
			req.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("token %q auth %q: %d", tc.token, tc.auth, resp.StatusCode)
		}
	}
	var before figureList
	f.getJSON(t, "/api/figures?q=avalanche", 200, &before)
	if before.Count != 0 {
		t.Fatalf("refused requests stored figures: %+v", before)
	}

	resp, body = f.post(t, "/api/ingest", "s3cret", "application/json; charset=utf-8", doc)
	var sum Summary
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &sum) != nil || sum.New != 1 || sum.Figures == 0 {
		t.Fatalf("ingest: %d %s", resp.StatusCode, body)
	}
	var after figureList
	f.getJSON(t, "/api/figures?q=avalanche", 200, &after)
	if after.Count == 0 {
		t.Error("ingested figure not found")
	}
	// Idempotent.
	resp, body = f.post(t, "/api/ingest", "s3cret", "application/json", doc)
	if json.Unmarshal([]byte(body), &sum) != nil || sum.Duplicates != 1 || sum.Items[0].Of != "t1" {
		t.Errorf("second ingest: %d %s", resp.StatusCode, body)
	}

	bad := []struct {
		contentType, body string
		status            int
		param             string
	}{
		{"text/plain", doc, http.StatusUnsupportedMediaType, ""},
		{"application/json", `{"urls":["https://example.org/a"]}`, http.StatusNotImplemented, "urls"},
		{"application/json", `{"urls":["javascript:alert(1)"]}`, http.StatusBadRequest, "urls"},
		{"application/json", `{"urls":[],"documents":[]}`, http.StatusBadRequest, "urls"},
		{"application/json", `{}`, http.StatusBadRequest, "documents"},
		{"application/json", `{"docs":[]}`, http.StatusBadRequest, ""},
		{"application/json", `{"documents":[{"id":"x","txt":"a"}]}`, http.StatusBadRequest, ""},
		{"application/json", `{"documents":[]} {}`, http.StatusBadRequest, ""},
		{"application/json", `not json`, http.StatusBadRequest, ""},
		{"application/json", `{"documents":[{"id":"big","text":"` + strings.Repeat("x", 5000) + `"}]}`, http.StatusRequestEntityTooLarge, ""},
	}
	for _, tc := range bad {
		resp, body := f.post(t, "/api/ingest", "s3cret", tc.contentType, tc.body)
		var e errorJSON
		if resp.StatusCode != tc.status || json.Unmarshal([]byte(body), &e) != nil || e.Parameter != tc.param || e.Error == "" {
			t.Errorf("%s %.60s: %d %s; want %d naming %q", tc.contentType, tc.body, resp.StatusCode, body, tc.status, tc.param)
		}
	}

	// Bad documents fail one by one; the good ones are stored.
	mixed := `{"documents":[{"text":"no id"},{"id":"e","text":""},{"id":"d","published":"March","text":"At least 3 people were killed, police said."},` +
		`{"url":"https://example.org/ok","text":"At least 12 people were killed in the storm, police said on Monday."}]}`
	resp, body = f.post(t, "/api/ingest", "s3cret", "application/json", mixed)
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &sum) != nil {
		t.Fatalf("mixed: %d %s", resp.StatusCode, body)
	}
	if sum.Failed != 3 || sum.New != 1 || sum.Items[3].ID != "https://example.org/ok" {
		t.Errorf("mixed: %+v", sum)
	}
	for _, it := range sum.Items[:3] {
		if it.Status != StatusFailed || it.Error == "" {
			t.Errorf("item %+v", it)
		}
	}
}

func TestLoopbackOnly(t *testing.T) {
	f := newFixture(t, Options{LoopbackOnly: true})
	for host, want := range map[string]int{"127.0.0.1:80": 200, "localhost:8080": 200, "[::1]:9": 200, "LOCALHOST": 200,
		"evil.example": http.StatusMisdirectedRequest, "evil.example:8080": http.StatusMisdirectedRequest, "127.0.0.1.evil.example": http.StatusMisdirectedRequest} {
		req, _ := http.NewRequest(http.MethodGet, f.ts.URL+"/api/stats", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr          string
		token         bool
		loopback, bad bool
	}{
		{"127.0.0.1:8080", false, true, false},
		{"localhost:0", false, true, false},
		{"[::1]:8080", false, true, false},
		{":8080", false, false, true},
		{"0.0.0.0:8080", false, false, true},
		{"192.168.1.5:80", false, false, true},
		{":8080", true, false, false},
		{"192.168.1.5:80", true, false, false},
		{"8080", false, false, true},
	}
	for _, tc := range tests {
		lb, err := CheckAddr(tc.addr, tc.token)
		if lb != tc.loopback || (err != nil) != tc.bad {
			t.Errorf("CheckAddr(%q, %v) = %v, %v", tc.addr, tc.token, lb, err)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t, Options{})
	for _, path := range []string{"/", "/series", "/api/figures", "/api/nothing", "/static/style.css", "/no/page"} {
		resp, err := http.Get(f.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

func TestServerTimeouts(t *testing.T) {
	s := NewHTTPServer(nil)
	if s.ReadHeaderTimeout == 0 || s.ReadTimeout == 0 || s.WriteTimeout == 0 || s.IdleTimeout == 0 || s.MaxHeaderBytes == 0 {
		t.Errorf("server without limits: %+v", s)
	}
}
