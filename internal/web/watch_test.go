package web

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/watch"
)

type fakeAlerts []watch.Alert

func (f fakeAlerts) Alerts(_ context.Context, series string, limit int) ([]watch.Alert, error) {
	var out []watch.Alert
	for _, a := range f {
		if series == "" || a.Series == watch.FollowKey(series) {
			out = append(out, a)
		}
	}
	return out, nil
}

type fakeJobs struct{}

func (fakeJobs) Counts(context.Context, ...string) (jobs.Counts, error) {
	return jobs.Counts{"completed": 41, "discarded": 1}, nil
}

func (fakeJobs) Failures(context.Context, int) ([]jobs.Failed, error) {
	return []jobs.Failed{{ID: 7, State: "discarded", Input: "/data/broken.jsonl", Attempts: 5, Max: 5, Error: "line 2: <bad> JSON"}}, nil
}

var testAlerts = fakeAlerts{
	{ID: 2, Series: "iraq/killed", DocID: "https://news.example/b?x=1&y=<2>", Kinds: []string{"claim", "conflict"}, Title: "Iraq/killed: 60 killed, says United Nations (2025-03-03)",
		Summary: "The UN said 60 <b>people</b> were killed. Conflicts with: Iraqi officials says 45.", URL: "https://news.example/b", At: time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)},
	{ID: 1, Series: "syria/wounded", DocID: "c.txt", Kinds: []string{"claim", "new-source"}, Title: "Syria/wounded: 12 wounded", Summary: "12 were wounded.", At: time.Date(2025, 3, 2, 9, 0, 0, 0, time.UTC)},
}

// The alerts page lists alerts escaped; the Atom feeds, for all and for
// one series, parse with gofeed.
func TestAlertPages(t *testing.T) {
	f := newFixture(t, Options{Alerts: testAlerts, Jobs: fakeJobs{}, Token: "s3cret"})
	code, body := f.get(t, "/alerts")
	if code != http.StatusOK || !strings.Contains(body, "60 killed") || strings.Contains(body, "<b>people") || !strings.Contains(body, "conflict") {
		t.Errorf("/alerts: %d\n%s", code, body)
	}
	for _, tc := range []struct {
		path  string
		items int
	}{{"/alerts.atom", 2}, {"/series/Iraq/killed/alerts.atom", 1}, {"/series/Iraq%2Fkilled/alerts.atom", 1}, {"/series/nobody/alerts.atom", 0}} {
		code, body := f.get(t, tc.path)
		feed, err := gofeed.NewParser().ParseString(body)
		if code != http.StatusOK || err != nil || feed.FeedType != "atom" || len(feed.Items) != tc.items {
			t.Errorf("%s: %d, %v, %d items\n%s", tc.path, code, err, len(feedItems(feed)), body)
		}
	}
}

func feedItems(f *gofeed.Feed) []*gofeed.Item {
	if f == nil {
		return nil
	}
	return f.Items
}

// /admin/jobs needs the token, as the password of Basic authentication or
// as a bearer token.
func TestJobsPage(t *testing.T) {
	f := newFixture(t, Options{Jobs: fakeJobs{}, Token: "s3cret"})
	for _, tc := range []struct {
		user, pass, bearer string
		want               int
	}{{want: 401}, {user: "x", pass: "wrong", want: 401}, {user: "x", pass: "s3cret", want: 200}, {bearer: "s3cret", want: 200}, {bearer: "nope", want: 401}} {
		req, _ := http.NewRequest("GET", f.ts.URL+"/admin/jobs", nil)
		if tc.pass != "" {
			req.SetBasicAuth(tc.user, tc.pass)
		}
		if tc.bearer != "" {
			req.Header.Set("Authorization", "Bearer "+tc.bearer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b := string(raw)
		if resp.StatusCode != tc.want {
			t.Errorf("%+v: status %d, want %d", tc, resp.StatusCode, tc.want)
		}
		if tc.want == 200 && (!strings.Contains(b, "41") || !strings.Contains(b, "broken.jsonl") || strings.Contains(b, "<bad>")) {
			t.Errorf("jobs page:\n%s", b)
		}
		if tc.want == 401 && resp.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("%+v: no WWW-Authenticate", tc)
		}
	}
	// Without a token the page is never served.
	g := newFixture(t, Options{Jobs: fakeJobs{}})
	if code, _ := g.get(t, "/admin/jobs"); code != http.StatusUnauthorized {
		t.Errorf("no token configured: %d", code)
	}
}
