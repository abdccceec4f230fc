package series

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/scope"
)

// ClaimWindow is how many days may separate a report from the previous
// report of the same assertion for both to be one claim. Outlets pick up a
// figure over a news cycle or two; three days covers a weekend.
const ClaimWindow = 3

// ClaimSpan caps how long one claim may run. Without it a figure restated
// every other day would chain into one claim for months, and the timeline
// would lose the fact that the source still stood by it. A restatement
// after the span is a new claim by the same source.
const ClaimSpan = 7

// Report is one figure in one document, as the store hands it over.
// Published is the document's date (YYYY-MM-DD) and stands in for
// Figure.Date when the figure's own date is unknown. Duplicate marks a
// near-duplicate or syndicated document: its reports join claims but never
// make one, and never count as independent.
type Report struct {
	ID        int64
	Doc       string
	URL       string
	Title     string // the document's title, to tell its headline
	Published string
	Duplicate bool
	// Derived marks a report made by Derive (killed + wounded given
	// together) rather than stated as such.
	Derived bool
	claim.Figure
}

// When is the report's date: the date the figure was stated, else the
// publication date, else "".
func (r *Report) When() string {
	if r.Date != nil && dayNumber(*r.Date) != undated {
		return *r.Date
	}
	if dayNumber(r.Published) != undated {
		return r.Published
	}
	return ""
}

// Claim is one assertion by one source, with every report of it. Make
// claims with Claims (or Build): it also sets the unexported comparison
// forms the series logic relies on.
type Claim struct {
	Source    string // canonical name, as the first report spells it
	Via       string // the relay, from the first report naming one
	Measure   string
	Counted   string // "" when unknown
	Location  string
	Qualifier string
	// NumberText is the phrase as the first report writes it.
	NumberText       string
	Value, Low, High *float64
	Interval         Interval
	Date             string // earliest report date; "" when undated
	Last             string // latest report date
	Hedged           bool   // any report calls it an assessment or estimate
	// Scope is what the count covers (claim.Scope*, "" when undecided);
	// Label the incident or period it belongs to (scope.Reading).
	Scope, Label string
	// Stated reports that a source's own date ("on Monday") places the
	// claim; otherwise Date and Last are publication dates, the day the
	// figure was published, not the day it was stated.
	Stated  bool
	Reports []Report
	// FirstDoc, FirstURL and FirstSentence are the describing report's
	// (Evidence): the earliest original report, one with a URL first.
	FirstDoc, FirstURL, FirstSentence string
	first, last                       int32 // day numbers of Date and Last
	evidence                          int   // index in Reports of the describing report
	// whole: a report gives the count as the whole so far ("the toll
	// rose to 21"), of which smaller figures of its story are parts.
	whole bool
	// Comparison forms (fold) of Source, Via, Counted and Location.
	src, via, counted, location string
}

// Dated reports whether the claim has a date.
func (c *Claim) Dated() bool { return c.first != undated }

// IsPublisher reports whether the claim is in the article's own voice.
func (c *Claim) IsPublisher() bool { return c.src == claim.Publisher }

// Aside reports a subset or a background figure: shown in its series, but
// never compared with the others as a rival estimate, nor counted in the
// consensus.
func (c *Claim) Aside() bool { return c.Scope == claim.ScopeSubset || c.Scope == claim.ScopeBackground }

// rival reports a claim that takes part in comparisons: dated, not the
// publisher's voice, not an aside.
func (c *Claim) rival() bool { return c.Dated() && !c.IsPublisher() && !c.Aside() }

// Documents is the number of distinct original documents reporting the
// claim: near-duplicates and repeats within one article do not add to it.
func (c *Claim) Documents() int {
	if len(c.Reports) > 16 {
		seen := make(map[string]bool, len(c.Reports))
		for i := range c.Reports {
			if r := &c.Reports[i]; !r.Duplicate {
				seen[r.Doc] = true
			}
		}
		return len(seen)
	}
	n := 0
	for i := range c.Reports {
		r := &c.Reports[i]
		if r.Duplicate {
			continue
		}
		seen := false
		for k := range c.Reports[:i] {
			if p := &c.Reports[k]; !p.Duplicate && p.Doc == r.Doc {
				seen = true
				break
			}
		}
		if !seen {
			n++
		}
	}
	return n
}

// Best is the single number that stands for the claim, as UCDP's "best"
// does: the value as written for exact and approximate figures, the bound
// for min and max, the middle of a range, the bottom of a vague word.
func (c *Claim) Best() float64 {
	switch c.Qualifier {
	case claim.Exact, claim.Approx:
		if c.Value != nil {
			return *c.Value
		}
	case claim.Max:
		if !c.Interval.Open() {
			return c.Interval.High
		}
	case claim.Range:
		if !c.Interval.Open() {
			return (c.Interval.Low + c.Interval.High) / 2
		}
	}
	return c.Interval.Low
}

// Evidence is the report that describes the claim: its earliest report
// from an original document, one whose document has a URL if any does,
// and a body sentence rather than a headline restating it.
func (c *Claim) Evidence() *Report {
	if c.evidence < len(c.Reports) {
		return &c.Reports[c.evidence]
	}
	return nil
}

// ID names the claim by its first stored report (the lowest Report.ID;
// the describing report, Evidence, when reports carry no ids) — the
// document, the offset of its number and the claim's measure — so that
// the same claim has the same id in every export and page of a ledger,
// and keeps it when later documents repeat it: their figures are stored
// after. It changes only when that report goes (tally forget, or a
// tally reextract of its document alone), or when a new report joins two
// claims into one. A claim derived from killed and wounded figures is
// told from the killed claim by its measure. "" for a claim with no
// report.
func (c *Claim) ID() string {
	r := c.Evidence()
	if r == nil {
		return ""
	}
	for k := range c.Reports {
		if q := &c.Reports[k]; q.ID > 0 && (r.ID <= 0 || q.ID < r.ID) {
			r = q
		}
	}
	h := sha256.Sum256([]byte(r.Doc + "\x00" + strconv.Itoa(r.Span[0]) + "\x00" + c.Measure))
	return "c" + hex.EncodeToString(h[:6])
}

// DatePrecision says what the claim's dates are: "day" when a source
// stated the date, "published" when only publication dates place it (it
// was stated on or before them), "" when it is undated.
func (c *Claim) DatePrecision() string {
	switch {
	case c.Stated:
		return "day"
	case c.Dated():
		return "published"
	}
	return ""
}

// Figure is the describing report's figure, for formatting.
func (c *Claim) Figure() claim.Figure {
	if r := c.Evidence(); r != nil {
		return r.Figure
	}
	return claim.Figure{Source: c.Source, Measure: c.Measure, Qualifier: c.Qualifier, NumberText: c.NumberText,
		Value: c.Value, Low: c.Low, High: c.High}
}

// claimKey is what makes two reports the same assertion, apart from the
// date. Vague figures have no numbers, so their interval (read from the
// phrase) stands in: "thousands" and "hundreds" are different claims.
type claimKey struct {
	src, measure, counted, location, qualifier string
	scope, label                               string
	value, low, high                           float64
	vlo, vhi                                   float64
}

// fold is the comparison form of a name: case and spacing do not make a
// different source or place.
func fold(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') || c == '\t' || c == '\n' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// placeKey is the comparison form of a place: "Kursk Oblast", "Kursk
// region" and "Kursk" are one place, so are "Gaza Strip" and "Gaza": they
// do not split a series.
func placeKey(folded string) string {
	for _, suffix := range []string{" oblast", " region", " province", " governorate", " krai", " district", " state", " prefecture", " county", " strip"} {
		if k, ok := strings.CutSuffix(folded, suffix); ok && k != "" {
			return k
		}
	}
	return folded
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// num is a comparable form of a nullable number: NaN would never equal
// itself, so null is -Inf.
func num(p *float64) float64 {
	if p == nil || math.IsNaN(*p) {
		return math.Inf(-1)
	}
	return *p
}

// prepared is a report with its claim key (as a group number), day and
// interval computed once, and the claim it ends up in. It holds no
// pointers, so the garbage collector need not scan it.
type prepared struct {
	id       int64
	iv       Interval
	idx      int32 // in the reports given to Claims
	group    int32
	day      int32
	claim    int32
	dup      bool
	stated   bool // the day is the figure's own date, not the publication date
	restates bool // a headline restating a body figure
	// cumulative: the report says its count is a running total.
	cumulative bool
	// whole: the report gives its count as the whole so far (scope.Reading).
	whole bool
}

// Claims groups reports into claims. Reports with the same key (source,
// measure, counted, location, qualifier, value/low/high) are one claim
// when, in date order, each is at most ClaimWindow days after the
// previous one and the claim spans at most ClaimSpan days.
//
//   - Near-duplicate reports (Duplicate) never start a claim: each joins
//     the claim with its key whose dates are nearest to its own, and is
//     dropped when there is none (its original is not in the ledger).
//   - Undated reports join the latest dated claim with their key (a
//     restated figure usually repeats the latest statement of it); when
//     there is none, the undated originals make one undated claim.
//
// Claims come back in date order (undated last), then by source, measure
// and value; each claim's reports in date order, then by ID.
func Claims(reports []Report) []Claim {
	ps := make([]prepared, len(reports))
	folded := map[string]string{}
	foldc := func(s string) string {
		if f, ok := folded[s]; ok {
			return f
		}
		f := fold(s)
		folded[s] = f
		return f
	}
	groups := map[claimKey]int32{}
	var keys []claimKey
	restates := headlines(reports)
	for i := range reports {
		r := &reports[i]
		// A headline restating a body figure takes that figure's key and
		// day: the two are one claim.
		k := &reports[i]
		if j, ok := restates[i]; ok {
			k = &reports[j]
		}
		iv := IntervalOf(k.Figure)
		rd := scope.Of(&k.Figure)
		// A running total stated as such ("so far") and one stated
		// plainly are one assertion; incidents and periods also need
		// their label to be one.
		keyScope, keyLabel := rd.Scope, rd.Label
		switch rd.Scope {
		case claim.ScopeCumulative, "":
			keyScope, keyLabel = "", ""
		}
		key := claimKey{
			src: foldc(k.Source), measure: k.Measure, counted: foldc(str(k.Counted)),
			location: placeKey(foldc(reportLocation(k))), qualifier: k.Qualifier,
			scope: keyScope, label: keyLabel,
			value: num(k.Value), low: num(k.Low), high: num(k.High),
		}
		if k.Qualifier == claim.Vague || k.Qualifier == "" {
			key.vlo, key.vhi = iv.Low, iv.High
		}
		g, ok := groups[key]
		if !ok {
			g = int32(len(keys))
			groups[key] = g
			keys = append(keys, key)
		}
		day := undated
		if k.Date != nil {
			day = dayNumber(*k.Date)
		}
		if day == undated {
			day = dayNumber(k.Published)
		}
		ps[i] = prepared{id: r.ID, iv: iv, idx: int32(i), group: g, day: day, claim: -1, dup: r.Duplicate,
			stated: k.Date != nil && dayNumber(*k.Date) != undated, restates: k != r,
			cumulative: rd.Scope == claim.ScopeCumulative, whole: rd.Whole}
	}
	ps = byGroup(ps, len(keys))

	claims := make([]Claim, 0, len(keys))
	for lo := 0; lo < len(ps); {
		hi := lo + 1
		for hi < len(ps) && ps[hi].group == ps[lo].group {
			hi++
		}
		claims = groupKey(claims, ps[lo:hi], &keys[ps[lo].group])
		lo = hi
	}

	// Lay the reports out claim by claim in one backing array (a counting
	// sort by claim keeps each claim's reports in date, then ID, order).
	start := make([]int32, len(claims)+1)
	for i := range ps {
		if ps[i].claim >= 0 {
			start[ps[i].claim+1]++
		}
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	backing := make([]Report, start[len(claims)])
	order := make([]int32, len(backing))
	fill := slices.Clone(start[:len(claims)])
	for i := range ps {
		if c := ps[i].claim; c >= 0 {
			order[fill[c]] = int32(i)
			backing[fill[c]] = reports[ps[i].idx]
			fill[c]++
		}
	}
	for i := range claims {
		lo, hi := start[i], start[i+1]
		claims[i].Reports = backing[lo:hi:hi]
		finish(&claims[i], ps, order[lo:hi])
	}

	// Sort a permutation: a Claim is too big to move around cheaply.
	perm := make([]int32, len(claims))
	best := make([]float64, len(claims))
	for i := range perm {
		perm[i] = int32(i)
		best[i] = claims[i].Best()
	}
	slices.SortFunc(perm, func(i, j int32) int {
		a, b := &claims[i], &claims[j]
		if a.first != b.first {
			return cmp.Compare(a.first, b.first)
		}
		return cmp.Or(strings.Compare(a.src, b.src), strings.Compare(a.Measure, b.Measure),
			cmp.Compare(best[i], best[j]), strings.Compare(a.Qualifier, b.Qualifier), cmp.Compare(i, j))
	})
	out := make([]Claim, len(claims))
	for i, j := range perm {
		out[i] = claims[j]
	}
	return out
}

// byGroup orders prepared reports by group, then day, then ID: a counting
// sort by group (groups are numbered densely) and a small sort within
// each, much cheaper than sorting everything by all three.
func byGroup(ps []prepared, groups int) []prepared {
	start := make([]int32, groups+1)
	for i := range ps {
		start[ps[i].group+1]++
	}
	for g := 1; g <= groups; g++ {
		start[g] += start[g-1]
	}
	out := make([]prepared, len(ps))
	fill := slices.Clone(start[:groups])
	for i := range ps {
		g := ps[i].group
		out[fill[g]] = ps[i]
		fill[g]++
	}
	for g := 0; g < groups; g++ {
		slices.SortFunc(out[start[g]:start[g+1]], func(a, b prepared) int {
			if a.day != b.day {
				return cmp.Compare(a.day, b.day)
			}
			return cmp.Compare(a.id, b.id)
		})
	}
	return out
}

// groupKey appends the claims of one key, setting each report's claim; ps
// is in date order, undated last.
func groupKey(claims []Claim, ps []prepared, k *claimKey) []Claim {
	start := len(claims)
	// Dated originals chain into claims.
	for i := range ps {
		p := &ps[i]
		if p.dup || p.day == undated {
			continue
		}
		if n := len(claims); n > start {
			c := &claims[n-1]
			if p.day-c.last <= ClaimWindow && p.day-c.first <= ClaimSpan {
				p.claim = int32(n - 1)
				c.last = p.day
				continue
			}
		}
		p.claim = int32(len(claims))
		claims = append(claims, Claim{first: p.day, last: p.day, src: k.src, counted: k.counted, location: k.location,
			Interval: p.iv, Scope: k.scope, Label: k.label})
	}
	// Undated originals: the latest dated claim, else one undated claim.
	for i := range ps {
		p := &ps[i]
		if p.dup || p.day != undated {
			continue
		}
		if n := len(claims); n == start {
			claims = append(claims, Claim{first: undated, last: undated, src: k.src, counted: k.counted, location: k.location,
				Interval: p.iv, Scope: k.scope, Label: k.label})
		}
		p.claim = int32(len(claims) - 1)
	}
	own := claims[start:]
	if len(own) == 0 {
		return claims // only duplicates: they are dropped
	}
	// Duplicates join the nearest claim.
	for i := range ps {
		p := &ps[i]
		if !p.dup {
			continue
		}
		best := len(own) - 1
		if p.day != undated {
			bestGap := int64(math.MaxInt64)
			for i := range own {
				g := int64(0)
				switch {
				case own[i].first == undated:
					g = math.MaxInt64 - 1
				case p.day < own[i].first:
					g = int64(own[i].first - p.day)
				case p.day > own[i].last:
					g = int64(p.day - own[i].last)
				}
				if g < bestGap {
					best, bestGap = i, g
				}
			}
		}
		p.claim = int32(start + best)
	}
	return claims
}

// finish fills a claim from its reports (already in date order, undated
// last, then by ID; order indexes their prepared values in ps). Dates come
// from the originals only, so that a late syndicated copy does not stretch
// the claim.
func finish(c *Claim, ps []prepared, order []int32) {
	c.first, c.last = undated, undated
	// The report that describes the claim: its first original report,
	// preferring one whose document has a URL (the evidence must link
	// somewhere), and a body sentence to a headline restating it.
	desc, descRank := 0, 0
	for i, o := range order {
		p := &ps[o]
		r := &c.Reports[i]
		if p.day != undated && !p.dup {
			if c.first == undated || p.day < c.first {
				c.first = p.day
			}
			if c.last == undated || p.day > c.last {
				c.last = p.day
			}
			c.Stated = c.Stated || p.stated
		}
		if p.cumulative {
			c.Scope = claim.ScopeCumulative
		}
		c.whole = c.whole || p.whole
		if r.Hedged {
			c.Hedged = true
		}
		if c.Via == "" && r.Via != nil && strings.TrimSpace(*r.Via) != "" {
			c.Via = *r.Via
		}
		rank := 1
		if !p.dup {
			rank += 4
			if !p.restates {
				rank += 2
			}
			if r.URL != "" {
				rank++
			}
		}
		if rank > descRank {
			desc, descRank = i, rank
		}
	}
	f := &c.Reports[desc]
	c.Source, c.NumberText = f.Source, f.NumberText
	c.Measure, c.Counted, c.Location, c.Qualifier = f.Measure, str(f.Counted), reportLocation(f), f.Qualifier
	c.Value, c.Low, c.High = f.Value, f.Low, f.High
	c.FirstDoc, c.FirstURL, c.FirstSentence = f.Doc, f.URL, f.Sentence
	c.evidence = desc
	c.Date, c.Last = dayString(c.first), dayString(c.last)
	c.via = fold(c.Via)
}
