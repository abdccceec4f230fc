package series

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/scope"
)

// IncidentWindow is how many days after an incident's first claim a claim
// of the same kind of event may still be about it, by label: a bombing's
// toll is counted within days, a quake's or a flood's over weeks, an
// epidemic's over months. Labels not listed take DefaultIncidentWindow.
var IncidentWindow = map[string]int32{
	"quake": 30, "tsunami": 30, "flood": 30, "storm": 21, "landslide": 14, "eruption": 30,
	"heatwave": 30, "fire": 14, "shipwreck": 14, "fighting": 7, "siege": 14, "protests": 60,
	"kidnapping": 90, "outbreak": 180,
	// Periods: the same day, week, month or year.
	"day": 0, "week": 6, "month": 30, "year": 365,
}

// DefaultIncidentWindow covers attacks, bombings, shootings, crashes:
// their tolls settle within a few days.
const DefaultIncidentWindow = 3

// SimilarSentences is the share of content words two undated sentences
// must have in common to be read as reports of one incident: undated
// reports have nothing else to tie them together.
const SimilarSentences = 0.5

// ShortSimilar is the share of content words that two dated reports of
// an incident made by people (an attack, a bombing, a kidnapping, a
// crash) must share to be one incident, since a war has many a day; two
// quakes, floods or protest movements of one country within weeks are
// rare, and need not (oneAtATime).
const ShortSimilar = 0.2

// oneAtATime are the incident labels whose reports within their window
// are one incident without sharing wording: a country rarely has two
// quakes, floods or waves of protest at once. So are periods (the same
// day or month is the same period).
var oneAtATime = map[string]bool{"quake": true, "tsunami": true, "flood": true, "storm": true, "landslide": true,
	"eruption": true, "heatwave": true, "outbreak": true, "protests": true}

func incidentWindow(label string) int32 {
	if w, ok := IncidentWindow[label]; ok {
		return w
	}
	if months[label] || isYear(label) {
		return 31
	}
	return DefaultIncidentWindow
}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// splitParts divides one counted/measure(/location) series into its
// running total and its incidents and periods (Key.Part). The rules, in
// order (doc.go says them for readers):
//
//  1. A subset or background figure goes where the main figure of its
//     sentence goes (another figure of the same sentence that is neither).
//  2. An incident or period figure starts or joins an incident of its
//     document with a compatible label (scope.Compatible).
//  3. A figure whose scope nothing decided goes with the incident its
//     document reports — the nearest one before it in the text, else the
//     first after it — when the document reports one: "At least three
//     people were killed" in a story about a car bomb is the car bomb's
//     toll. Failing that, its document's title may name the incident
//     ("Flood toll rises to 21" over "45,000 have now fled their homes").
//  4. Incidents of different documents are one incident when their labels
//     are compatible and, both dated, the later starts at most
//     IncidentWindow[label] days after the earlier began (for an incident
//     made by people, an attack, a bombing, a kidnapping, their sentences
//     must also share ShortSimilar of their words; a quake, a flood, a
//     storm, protests or a period need not); undated, when their sentences share
//     SimilarSentences of their words.
//  5. An undated figure still unplaced cannot be read in time, so it is
//     no part of a running total: its document's unplaced figures are a
//     series of their own, "report-DOC" (joined by rule 4 to another
//     document's when their sentences match).
//  6. Cumulative figures, and the dated rest, are the running total
//     (Part "").
//  7. In an incident, the figures of a document smaller than the whole
//     toll so far that the same document gives (scope.Reading.Whole) are
//     parts of it, asides like subsets (partsOfWhole).
//
// Parts come back with the running total first, then by first date (the
// undated last) and label.
func splitParts(s Series) []Series {
	n := len(s.Claims)
	if n == 0 {
		return []Series{s}
	}
	uf := newUnion(n)
	kind := make([]int8, n) // 0 running total, 1 incident or period, 2 aside, 3 undecided
	for i := range s.Claims {
		c := &s.Claims[i]
		switch c.Scope {
		case claim.ScopeIncident, claim.ScopePeriod:
			kind[i] = 1
		case claim.ScopeSubset, claim.ScopeBackground:
			kind[i] = 2
		case claim.ScopeCumulative:
			kind[i] = 0
		default:
			kind[i] = 3
		}
	}
	// Where each claim's reports sit: document → (position, claim).
	type spot struct {
		pos, sentence int
		claim         int
	}
	byDoc := map[string][]spot{}
	for i := range s.Claims {
		for k := range s.Claims[i].Reports {
			r := &s.Claims[i].Reports[k]
			byDoc[r.Doc] = append(byDoc[r.Doc], spot{r.Span[0], r.SentenceSpan[0], i})
		}
	}
	attached := make([]bool, n)   // an aside or undecided claim tied to another's part
	titles := map[string]string{} // document title → the event it names
	for _, spots := range byDoc {
		slices.SortFunc(spots, func(a, b spot) int { return cmp.Compare(a.pos, b.pos) })
		// Rule 2: incidents of one document with compatible labels.
		for x := range spots {
			i := spots[x].claim
			if kind[i] != 1 {
				continue
			}
			for y := x + 1; y < len(spots); y++ {
				j := spots[y].claim
				if kind[j] == 1 && scope.Compatible(s.Claims[i].Label, s.Claims[j].Label) {
					uf.union(i, j)
				}
			}
		}
		for x := range spots {
			i := spots[x].claim
			switch kind[i] {
			case 2: // Rule 1: the main figure of the sentence.
				for _, o := range spots {
					if o.sentence == spots[x].sentence && kind[o.claim] != 2 {
						uf.union(i, o.claim)
						attached[i] = true
						break
					}
				}
				if attached[i] {
					continue
				}
				fallthrough
			case 3: // Rule 3: the incident the document reports.
				j := -1
				for y := x - 1; y >= 0 && j < 0; y-- {
					if kind[spots[y].claim] == 1 {
						j = spots[y].claim
					}
				}
				for y := x + 1; y < len(spots) && j < 0; y++ {
					if kind[spots[y].claim] == 1 {
						j = spots[y].claim
					}
				}
				if j >= 0 {
					uf.union(i, j)
					attached[i] = true
					continue
				}
				// No incident figure here, but the document's title
				// may name one: "Flood toll rises to 21" over "More
				// than 45,000 people have now fled their homes".
				if label := titleEvent(s.Claims[i].Reports, titles); label != "" {
					s.Claims[i].Label = label
					kind[i] = 1
					attached[i] = true
				}
			}
		}
	}

	// Rule 5: an undated figure that nothing placed has no place in a
	// running total either — a total is read in time — so each document's
	// undated remainder is a report of its own, "report-DOC", unless it
	// matches another document's (rule 4).
	unplaced := func(i int) bool { return (kind[i] == 3 || kind[i] == 2) && !attached[i] && !s.Claims[i].Dated() }
	for _, spots := range byDoc {
		first := -1
		for _, sp := range spots {
			if i := sp.claim; unplaced(i) {
				if first < 0 {
					first = i
				} else {
					uf.union(first, i)
				}
			}
		}
	}
	for i := range s.Claims {
		if unplaced(i) {
			kind[i] = 1
		}
	}

	// Groups: the incidents (rules 2, 3 and 5) and the running total.
	type group struct {
		root        int
		label       string
		period      bool
		first, last int32
		docs        []string
		words       [][]string
		claims      []int
	}
	groups := map[int]*group{}
	inIncident := make([]bool, n)
	for i := range s.Claims {
		if kind[i] == 1 {
			inIncident[uf.find(i)] = true
		}
	}
	var order []*group
	for i := range s.Claims {
		r := uf.find(i)
		if !inIncident[r] {
			continue
		}
		g := groups[r]
		if g == nil {
			g = &group{root: r, first: undated, last: undated}
			groups[r] = g
			order = append(order, g)
		}
		c := &s.Claims[i]
		g.claims = append(g.claims, i)
		if kind[i] == 1 && g.label == "" {
			g.label, g.period = c.Label, c.Scope == claim.ScopePeriod
		}
		if c.Dated() {
			if g.first == undated || c.first < g.first {
				g.first = c.first
			}
			if g.last == undated || c.last > g.last {
				g.last = c.last
			}
		}
		for k := range c.Reports {
			if r := &c.Reports[k]; !r.Duplicate {
				g.docs = append(g.docs, r.Doc)
			}
		}
		if kind[i] == 1 {
			g.words = append(g.words, contentWords(c.FirstSentence))
		}
	}
	// Rule 4: incidents of different documents.
	slices.SortStableFunc(order, func(a, b *group) int { return cmp.Compare(a.first, b.first) })
	var merged []*group
	for _, g := range order {
		var into *group
		for _, m := range merged {
			if !scope.Compatible(m.label, g.label) {
				continue
			}
			if m.first != undated && g.first != undated {
				w := incidentWindow(m.label)
				// Attacks, bombings and kidnappings come many a week in a
				// war: two of the same days are one only if their reports
				// also share some wording (the place, the target).
				if g.first-m.first <= w && (oneAtATime[m.label] || m.period || similarAt(m.words, g.words, ShortSimilar)) {
					into = m
					break
				}
				continue
			}
			if similar(m.words, g.words) {
				into = m
				break
			}
		}
		if into == nil {
			merged = append(merged, g)
			continue
		}
		into.claims = append(into.claims, g.claims...)
		into.docs = append(into.docs, g.docs...)
		into.words = append(into.words, g.words...)
		if into.first == undated || g.first != undated && g.first < into.first {
			into.first = g.first
		}
		if g.last != undated && (into.last == undated || g.last > into.last) {
			into.last = g.last
		}
	}

	// Rule 7: in an incident, a document that gives the whole toll so far
	// ("the unrest has so far left 101 dead") gives its smaller figures
	// for the same incident as parts of it ("thirteen police officers
	// were beaten to death in Sirajganj"): asides, like subsets.
	for _, g := range merged {
		partsOfWhole(s.Claims, g.claims)
	}

	part := make([]int, n) // 0: the running total; k: merged[k-1]
	for k, g := range merged {
		for _, i := range g.claims {
			part[i] = k + 1
		}
	}
	out := make([]Series, 1+len(merged))
	out[0].Key, out[0].Kind = s.Key, KindTotal
	used := map[string]bool{}
	for k, g := range merged {
		key := s.Key
		key.Part = partName(g.label, g.first, g.docs, used)
		out[k+1].Key, out[k+1].Label, out[k+1].Kind = key, g.label, KindIncident
		if g.period {
			out[k+1].Kind = KindPeriod
		}
	}
	counts := make([]int, len(out))
	for _, p := range part {
		counts[p]++
	}
	for k := range out {
		out[k].Claims = make([]Claim, 0, counts[k])
	}
	for i, p := range part {
		out[p].Claims = append(out[p].Claims, s.Claims[i])
	}
	if len(out[0].Claims) == 0 {
		out = out[1:]
	}
	return out
}

// partsOfWhole marks as subsets the claims of one incident (idx) that
// are smaller than a whole toll (Claim.whole) given in every document
// reporting them.
func partsOfWhole(claims []Claim, idx []int) {
	whole := map[string]float64{} // document → the largest whole toll's lower bound
	for _, i := range idx {
		c := &claims[i]
		if !c.whole || c.Aside() {
			continue
		}
		for k := range c.Reports {
			if r := &c.Reports[k]; !r.Duplicate {
				whole[r.Doc] = max(whole[r.Doc], c.Interval.Low)
			}
		}
	}
	if len(whole) == 0 {
		return
	}
	for _, i := range idx {
		c := &claims[i]
		if c.whole || c.Aside() {
			continue
		}
		part, seen := true, false
		for k := range c.Reports {
			r := &c.Reports[k]
			if r.Duplicate {
				continue
			}
			w, ok := whole[r.Doc]
			seen = true
			if !ok || c.Interval.High >= w {
				part = false
				break
			}
		}
		if part && seen {
			c.Scope = claim.ScopeSubset
		}
	}
}

// titleEvent is the incident the title of one of a claim's documents
// names (scope.Event), "" when none does.
func titleEvent(reports []Report, cache map[string]string) string {
	for k := range reports {
		t := reports[k].Title
		if t == "" {
			continue
		}
		label, ok := cache[t]
		if !ok {
			label = scope.Event(t)
			cache[t] = label
		}
		if label != "" {
			return label
		}
	}
	return ""
}

// partName is an incident's or period's part of the series id: its label
// (or "incident") and its first date, or, undated, its first document in
// sort order; a second incident of the same name gets "-2", and so on.
func partName(label string, first int32, docs []string, used map[string]bool) string {
	if label == "" {
		label = "report"
	}
	name := label + "-"
	if first != undated {
		name += dayString(first)
	} else {
		name += slices.Min(docs)
	}
	base := name
	for k := 2; used[name]; k++ {
		name = base + "-" + strconv.Itoa(k)
	}
	used[name] = true
	return name
}

// contentWords are a sentence's words of four letters or more, lower-cased,
// for comparing undated sentences.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 0x80)
	}) {
		if (len(w) >= 4 || len(w) > 0 && w[0] >= '0' && w[0] <= '9') && !commonWords[w] {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// commonWords say nothing of which incident a sentence reports.
var commonWords = map[string]bool{
	"said": true, "says": true, "told": true, "were": true, "have": true, "been": true, "from": true, "with": true,
	"that": true, "this": true, "their": true, "they": true, "after": true, "when": true, "where": true,
	"which": true, "about": true, "more": true, "than": true, "people": true, "killed": true, "killing": true,
	"wounded": true, "wounding": true, "injured": true, "least": true, "dead": true, "died": true, "officials": true,
	"police": true, "toll": true, "death": true, "also": true, "into": true, "other": true, "others": true,
}

// similar reports whether some sentence of a and some of b share
// SimilarSentences of their content words (Jaccard).
func similar(a, b [][]string) bool { return similarAt(a, b, SimilarSentences) }

// similarAt is similar at share min.
func similarAt(a, b [][]string, min float64) bool {
	for _, x := range a {
		for _, y := range b {
			if len(x) == 0 || len(y) == 0 {
				continue
			}
			common := 0
			for i, j := 0, 0; i < len(x) && j < len(y); {
				switch {
				case x[i] == y[j]:
					common++
					i++
					j++
				case x[i] < y[j]:
					i++
				default:
					j++
				}
			}
			if float64(common) >= min*float64(len(x)+len(y)-common) {
				return true
			}
		}
	}
	return false
}

// union is a union-find over claim indexes.
type union []int

func newUnion(n int) union {
	u := make(union, n)
	for i := range u {
		u[i] = i
	}
	return u
}

func (u union) find(x int) int {
	for u[x] != x {
		u[x] = u[u[x]]
		x = u[x]
	}
	return x
}

func (u union) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		if ra < rb {
			u[rb] = ra
		} else {
			u[ra] = rb
		}
	}
}
