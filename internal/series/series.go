package series

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// UnknownCounted is the counted part of a series key for figures whose
// counted group is unknown.
const UnknownCounted = "unknown"

// Key names a series: what is counted and how, where when the series is
// split by place, and which incident or period when it is not the running
// total. Its string form — the series id every command, the API and the
// web pages use — is "North Korea/casualties",
// "Palestinians/killed/West Bank" or "Iraq/killed#bombing-2004-09-30".
type Key struct {
	Counted, Measure, Location string
	// Part is "" for the running total of counted/measure(/location), else
	// the incident or period: its label and its first date, or the
	// document it comes from when it has no date ("bombing-2004-09-30",
	// "quake-2023-02-06", "day-2024-11-29", "attack-ag-5517").
	Part string
}

func (k Key) String() string {
	s := k.Counted + "/" + k.Measure
	if k.Location != "" {
		s += "/" + k.Location
	}
	if k.Part != "" {
		s += "#" + k.Part
	}
	return s
}

// Base is the key without its part: the counted/measure(/location) whose
// running total, incidents and periods the series is one of.
func (k Key) Base() Key { k.Part = ""; return k }

// measures are the eleven measures, for ParseKey.
var measures = map[string]bool{
	claim.Killed: true, claim.Wounded: true, claim.Casualties: true, claim.Captured: true,
	claim.Missing: true, claim.Deployed: true, claim.Displaced: true, claim.Refugees: true,
	claim.Arrested: true, claim.Evacuated: true, claim.Supplied: true,
}

// ParseKey reads "North Korea/casualties", "Palestinians/killed/West
// Bank" or "Iraq/killed#bombing-2004-09-30". The measure is found by name
// rather than by position, so a counted group or place holding a slash
// ("Israel/Gaza") still parses; the measure is matched case-insensitively.
// Everything after the first '#' is the part, as written.
func ParseKey(s string) (Key, error) {
	head, part, _ := strings.Cut(strings.TrimSpace(s), "#")
	k, err := parseBase(head)
	if err != nil {
		return Key{}, fmt.Errorf("series %q: want COUNTED/MEASURE[/LOCATION][#PART], e.g. \"North Korea/casualties\"", s)
	}
	k.Part = strings.TrimSpace(part)
	return k, nil
}

func parseBase(s string) (Key, error) {
	parts := strings.Split(strings.TrimSpace(s), "/")
	for i := len(parts) - 1; i >= 1; i-- {
		m := strings.ToLower(strings.TrimSpace(parts[i]))
		if !measures[m] {
			continue
		}
		k := Key{
			Counted:  strings.TrimSpace(strings.Join(parts[:i], "/")),
			Measure:  m,
			Location: strings.TrimSpace(strings.Join(parts[i+1:], "/")),
		}
		if k.Counted == "" {
			break
		}
		return k, nil
	}
	return Key{}, errors.New("no measure")
}

// Match reports whether a series key is the one asked for, ignoring case
// and spacing in names: "north korea/casualties" finds "North
// Korea/casualties".
func (k Key) Match(q Key) bool {
	return fold(k.Counted) == fold(q.Counted) && k.Measure == q.Measure && fold(k.Location) == fold(q.Location) &&
		strings.EqualFold(k.Part, q.Part)
}

// Series is every claim about one counted group and measure (and place,
// when split), in date order, undated last.
type Series struct {
	Key Key
	// Kind is KindTotal, KindIncident or KindPeriod; Label the incident's
	// event or the period ("bombing", "quake", "day"; "" for a total).
	Kind, Label string
	Claims      []Claim
}

// Series kinds.
const (
	KindTotal    = "total"    // the running total of counted/measure(/place)
	KindIncident = "incident" // the toll of one event
	KindPeriod   = "period"   // the total of one closed period
)

// Build turns reports into series: Claims, then BuildSeries.
func Build(reports []Report) []Series { return BuildSeries(Claims(reports)) }

// BuildSeries groups claims into series by counted + measure. A series is
// split by location only when its claims name two or more distinct places
// (case and spacing ignored): then each place gets its own series and the
// claims that name no place stay in the unsplit one. A single place is
// kept as detail, not as a split: "3,000 North Korean casualties in Kursk"
// and "1,100 North Korean casualties" are the same series. Each is then
// split into its running total and its incidents and periods
// (splitParts). The rules depend only on the claims given, so they are
// deterministic.
//
// Series come back sorted by key; claims keep the order of the input
// (Claims returns them in date order).
func BuildSeries(claims []Claim) []Series {
	type base struct{ counted, measure string }
	// The comparison form of a claim's counted group and place. Claims
	// made by Claims carry them; others (built by hand) are folded here.
	forms := func(c *Claim) (counted, location string) {
		counted, location = c.counted, c.location
		if counted == "" && c.Counted != "" {
			counted = fold(c.Counted)
		}
		if location == "" && c.Location != "" {
			location = placeKey(fold(c.Location))
		}
		if counted == "" {
			counted = UnknownCounted
		}
		return counted, location
	}
	// Distinct places per base key, and the first spelling of each place
	// (the first not in capitals: "GAZA" is a dateline's way of writing
	// Gaza) and counted group.
	places := map[base]map[string]string{}
	spelling := map[string]string{}
	for i := range claims {
		c := &claims[i]
		counted, l := forms(c)
		if _, ok := spelling[counted]; !ok {
			spelling[counted] = c.Counted
			if strings.TrimSpace(c.Counted) == "" {
				spelling[counted] = UnknownCounted
			}
		}
		if l == "" {
			continue
		}
		b := base{counted, c.Measure}
		if places[b] == nil {
			places[b] = map[string]string{}
		}
		if had, ok := places[b][l]; !ok || isCapitals(had) && !isCapitals(c.Location) {
			places[b][l] = c.Location
		}
	}
	index := map[base]map[string]int{} // base → folded place ("" unsplit) → series
	var out []Series
	which := make([]int, len(claims))
	for i := range claims {
		c := &claims[i]
		counted, l := forms(c)
		b := base{counted, c.Measure}
		if len(places[b]) < 2 {
			l = ""
		}
		m := index[b]
		if m == nil {
			m = map[string]int{}
			index[b] = m
		}
		j, ok := m[l]
		if !ok {
			j = len(out)
			m[l] = j
			k := Key{Counted: spelling[counted], Measure: c.Measure}
			if l != "" {
				k.Location = places[b][l]
			}
			out = append(out, Series{Key: k})
		}
		which[i] = j
	}
	// Size each series' claims once: a busy series holds thousands.
	n := make([]int, len(out))
	for _, j := range which {
		n[j]++
	}
	for j := range out {
		out[j].Claims = make([]Claim, 0, n[j])
	}
	for i, j := range which {
		out[j].Claims = append(out[j].Claims, claims[i])
	}
	var parts []Series
	for _, s := range out {
		parts = append(parts, splitParts(s)...)
	}
	slices.SortFunc(parts, func(a, b Series) int { return strings.Compare(a.Key.String(), b.Key.String()) })
	return parts
}

// isCapitals reports a name written in capitals only ("GAZA").
func isCapitals(s string) bool { return strings.ToUpper(s) == s && strings.ToLower(s) != s }

// Find returns the series with the key asked for (Key.Match), or nil.
func Find(series []Series, key Key) *Series {
	for i := range series {
		if series[i].Key.Match(key) {
			return &series[i]
		}
	}
	return nil
}

// Timeline is a series as the timeline view shows it: one row per source.
type Timeline struct {
	Key Key
	// From and To are the first and last claim dates; "" when no claim is
	// dated.
	From, To string
	Rows     []Row
}

// Row is one source's claims in date order, undated last. The publisher's
// row is marked: it is shown, but it is not an independent authority.
type Row struct {
	Source    string
	Publisher bool
	Claims    []*Claim
}

// Timeline lays the series out by source. Rows are ordered by their first
// claim's date, then name; the publisher's row comes last, because what an
// outlet says in its own voice is context, not one of the estimates.
func (s *Series) Timeline() Timeline {
	t := Timeline{Key: s.Key}
	rows := map[string]int{}
	first, last := undated, int32(0)
	for i := range s.Claims {
		c := &s.Claims[i]
		j, ok := rows[c.src]
		if !ok {
			j = len(t.Rows)
			rows[c.src] = j
			t.Rows = append(t.Rows, Row{Source: c.Source, Publisher: c.IsPublisher()})
		}
		t.Rows[j].Claims = append(t.Rows[j].Claims, c)
		if c.Dated() {
			first = min(first, c.first)
			last = max(last, c.first)
		}
	}
	if first != undated {
		t.From, t.To = dayString(first), dayString(last)
	}
	for _, r := range t.Rows {
		slices.SortStableFunc(r.Claims, func(a, b *Claim) int { return cmp.Compare(a.first, b.first) })
	}
	slices.SortStableFunc(t.Rows, func(a, b Row) int {
		if a.Publisher != b.Publisher {
			if a.Publisher {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Claims[0].first, b.Claims[0].first), strings.Compare(a.Source, b.Source))
	})
	return t
}
