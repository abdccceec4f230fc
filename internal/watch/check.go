package watch

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tally-news/tally/internal/fetch"
	"github.com/tally-news/tally/internal/store"
)

// Check raises the alerts a newly stored document brings: one for each
// of its countable figures in a followed series (its key, as
// "Iraq/killed", or its id, as "Iraq/killed#bombing-2004-10-01"), marked
// "new-source" when no other document of the series cites its source, and
// "conflict" when another source gives the same day a different number.
// Alerts already raised (the same job run again) are not raised twice.
// Each new alert is POSTed to its follow's webhook, if any, through hook
// (nil: none are sent); a webhook that fails is reported in the error,
// after the alerts are stored.
func (d *DB) Check(ctx context.Context, st store.Store, docID string, hook *fetch.Client) ([]Alert, error) {
	follows, err := d.cachedFollows(ctx)
	if err != nil || len(follows) == 0 {
		return nil, err
	}
	byKey := map[string]Follow{}
	for _, f := range follows {
		byKey[f.Series] = f
	}
	doc, rows, err := st.Document(ctx, docID)
	if err != nil {
		return nil, err
	}
	var out []Alert
	var hookErrs []string
	history := map[string][]store.Row{}
	for _, r := range rows {
		if r.Repeat {
			continue
		}
		f, ok := byKey[FollowKey(r.Base)]
		if !ok && r.Series != "" {
			f, ok = byKey[FollowKey(r.Series)]
		}
		if !ok {
			continue
		}
		others, seen := history[r.Base]
		if !seen {
			if others, err = st.Reports(ctx, r.Base); err != nil {
				return out, err
			}
			history[r.Base] = others
		}
		a := alertFor(f.Series, doc, r, others)
		added, err := d.addAlert(ctx, &a, r.Span[0])
		if err != nil {
			return out, err
		}
		if !added {
			continue
		}
		out = append(out, a)
		if f.Webhook != "" && hook != nil {
			if err := post(ctx, hook, f.Webhook, a); err != nil {
				hookErrs = append(hookErrs, err.Error())
			}
		}
	}
	if len(hookErrs) > 0 {
		return out, fmt.Errorf("webhook: %s", strings.Join(hookErrs, "; "))
	}
	return out, nil
}

// alertFor words the alert for figure r of doc, given the series' other
// figures.
func alertFor(series string, doc store.Doc, r store.Row, others []store.Row) Alert {
	a := Alert{Series: series, DocID: doc.ID, URL: doc.URL, Kinds: []string{"claim"}}
	newSource := true
	var conflicts []string
	for _, o := range others {
		if o.Doc == doc.ID {
			continue
		}
		if strings.EqualFold(o.Source, r.Source) {
			newSource = false
		}
		if r.Day != "" && o.Day == r.Day && !strings.EqualFold(o.Source, r.Source) && differ(o, r) {
			conflicts = append(conflicts, fmt.Sprintf("%s says %s", orUnknown(o.Source), o.NumberText))
		}
	}
	if newSource {
		a.Kinds = append(a.Kinds, "new-source")
	}
	if len(conflicts) > 0 {
		a.Kinds = append(a.Kinds, "conflict")
	}
	day := r.Day
	if day == "" {
		day = "undated"
	}
	a.Title = fmt.Sprintf("%s: %s %s, says %s (%s)", r.Base, r.NumberText, r.Measure, orUnknown(r.Source), day)
	a.Summary = r.Sentence
	if doc.Title != "" {
		a.Summary = doc.Title + " — " + a.Summary
	}
	if len(conflicts) > 0 {
		a.Summary += " Conflicts with: " + strings.Join(conflicts, "; ") + "."
	}
	return a
}

// differ: two figures give different numbers (bounds compared when
// either has no single value).
func differ(a, b store.Row) bool {
	num := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return *p
	}
	return num(a.Value) != num(b.Value) || num(a.Low) != num(b.Low) || num(a.High) != num(b.High)
}

func orUnknown(s string) string {
	if s == "" {
		return "an unnamed source"
	}
	return s
}

// post sends one alert to a webhook as JSON.
func post(ctx context.Context, hook *fetch.Client, url string, a Alert) error {
	body, _ := json.Marshal(map[string]any{
		"series": a.Series, "document": a.DocID, "kinds": a.Kinds, "title": a.Title,
		"summary": a.Summary, "url": a.URL, "at": a.At,
	})
	return hook.PostJSON(ctx, url, body)
}
