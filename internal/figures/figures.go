// Package figures finds figure mentions in a sentence: number phrases that
// count people (or delivered weapons), what they measure, the counted noun
// phrase and whose people they are. Who asserts the figure is the
// attribution stage's job.
//
// The rules work on tokens (internal/tokens) around each number phrase
// (internal/numbers), in this order: drop numbers that are amounts, dates,
// ages or measurements; read the noun phrase after the number; then find
// the measure from, in turn, the noun itself ("1,100 casualties"), the verb
// right before ("killing 12"), a noun of the number ("the deaths of 12",
// "the death toll rose to 62"), the predicate after the noun phrase ("300
// soldiers ... have died"), and finally the figure a subset belongs to
// ("including five children").
package figures

import (
	"os"
	"strings"

	"github.com/tally-news/tally/internal/numbers"
	"github.com/tally-news/tally/internal/tokens"
	"github.com/tally-news/tally/internal/tree"
)

// Mention is one figure mention in a sentence.
type Mention struct {
	numbers.Phrase
	Measure string
	// Subject is the counted noun phrase's token range [SubjFirst, SubjLast],
	// or SubjFirst > SubjLast when the number stands alone ("killing 12").
	SubjFirst, SubjLast int
	// Cue is the token index of the word that gave the measure, or -1.
	Cue int
	// Relative is true when the figure sits in a relative or participial
	// clause that identifies an earlier event ("the siege that killed
	// nearly 340"): background in the article's own voice.
	Relative bool

	supplyContext bool
	// treeNum and treeNoun are the number's head word and counted noun
	// in the sentence's tree (-1 without one), so that a later subset
	// ("including five children") finds the figure it is part of.
	treeNum, treeNoun int
	// Rule says which construction decided the measure, for --explain.
	Rule string
	// Subset is set when the figure is a part of another figure of the
	// story ("including five children", "12 of them", "the dead include
	// 58 children"), as the tree or the subset rule read it.
	Subset bool
}

// Explain says which rule decided the measure and from which word.
func (m Mention) Explain(toks []tokens.Token) string {
	rule := m.Rule
	if rule == "" {
		rule = "token rules"
	}
	if m.Cue >= 0 && m.Cue < len(toks) {
		return rule + " (" + toks[m.Cue].Text + ")"
	}
	return rule
}

// MayCount reports whether toks hold a number phrase that can be a count
// (not a year, date, amount, age or measurement) and a word the readings
// know — a measure, a tally, a movement, a partitive pronoun — or a
// figure the token rules find: the sentences worth parsing.
func MayCount(toks []tokens.Token) bool {
	if !numbers.Any(toks) {
		return false
	}
	count := false
	for _, p := range numbers.Find(toks) {
		if isCount(toks, p) {
			count = true
			break
		}
	}
	if !count {
		return false
	}
	for _, t := range toks {
		if t.Kind == tokens.Word && knownWord(t.Lower) {
			return true
		}
	}
	return len(Find(toks, nil)) > 0
}

// Word returns the number's head word in the sentence's tree, or -1
// when the sentence was not parsed.
func (m Mention) Word() int { return m.treeNum }

// Context carries what earlier sentences of the document tell about the
// next: the last measure (for "the total stands at ...") and whether
// weapons deliveries are the story (so "three million 152mm shells" counts
// as supplied without its own verb).
type Context struct {
	LastMeasure string
	Supplied    bool
	// Migration is set for a story of people on the move (migrants,
	// refugees, asylum seekers): there, arriving, landing and making the
	// crossing make refugees, and "new arrivals" are refugees.
	Migration bool
}

// Find returns the figure mentions among toks, the tokens of one sentence.
// ctx may be nil; when given, it is read and updated.
func Find(toks []tokens.Token, ctx *Context) []Mention {
	return FindTree(toks, nil, nil, ctx)
}

// TreeMode says how the dependency tree is used: "first" (the default)
// reads the tree before the token rules, which read only what it finds
// no measure for; "fallback" the other way round; "off" never. Set by
// TALLY_TREE, for comparing the two readings.
var TreeMode = treeModeFromEnv()

func treeModeFromEnv() string {
	if m := os.Getenv("TALLY_TREE"); m != "" {
		return m
	}
	return "first"
}

// FindTree is Find reading the sentence's dependency tree s (nil: none)
// and its places.
func FindTree(toks []tokens.Token, s *tree.Sentence, places []Place, ctx *Context) []Mention {
	if ctx == nil {
		ctx = &Context{}
	}
	phrases := numbers.Find(toks)
	var out []Mention
	// pending is the last count that found no measure of its own: "At
	// least nine Iraqis" in "At least nine Iraqis and four US soldiers
	// were killed" takes the measure of the phrase it is coordinated with.
	var pending *Mention
	for k, p := range phrases {
		if !isCount(toks, p) {
			pending = nil
			continue
		}
		m := Mention{Phrase: p, Cue: -1, supplyContext: ctx.Supplied, treeNum: -1, treeNoun: -1}
		m.SubjFirst, m.SubjLast = nounPhrase(toks, p)
		// "16 Hindus charged with the murder of 12 Muslims": the accused
		// are not counted (DESIGN.md), whatever the crime.
		if accused(toks, m.Last+1, max(m.Last, m.SubjLast)+1) {
			pending = nil
			continue
		}
		m.Measure, m.Cue = measure(toks, &m, phrases[k+1:])
		if m.Measure != "" {
			m.Rule = "token rules"
		}
		if s != nil && TreeMode != "off" {
			r := readTree(s, &m, places, out, ctx)
			m.treeNum, m.treeNoun = s.HeadIn(m.NumFirst, m.NumLast), r.Noun
			if r.Veto {
				pending = nil
				continue
			}
			if r.Measure != "" && (m.Measure == "" || TreeMode == "first" || r.Strong) {
				m.Measure, m.Rule = r.Measure, r.Rule
				m.Cue = s.Token(r.Cue)
			}
			if r.Measure == "" && (crowdFled(s, r.Noun, m.Measure) || m.Measure != "supplied" && m.Measure != "" && thing(s, r.Noun)) {
				pending = nil
				continue
			}
			m.Subset = r.Subset && r.Measure == m.Measure
		}
		if m.Measure == "" && !ownPredicate(s, m, out) {
			m.Measure, m.Cue = subset(toks, &m, out, ctx.LastMeasure)
			if m.Measure != "" {
				m.Rule = "subset (token rules)"
				m.Subset = true
			}
		}
		if m.Measure == "" && presence(toks, m) {
			m.Measure, m.Cue = "deployed", m.SubjLast
		}
		if m.Measure == "" {
			if plausible(m) {
				pending = &m
			}
			continue
		}
		if !plausible(m) {
			pending = nil
			continue
		}
		if pending != nil && m.Cue > m.Last && coordinatedBefore(toks, *pending, m) {
			pm := *pending
			pm.Measure, pm.Cue = m.Measure, m.Cue
			pm.Relative = relative(toks, pm)
			out = append(out, pm)
		}
		pending = nil
		m.Relative = relative(toks, m)
		if m.Measure == "captured" && policeContext(toks, m) {
			m.Measure = "arrested"
		}
		out = append(out, m)
		ctx.LastMeasure = m.Measure
		if m.Measure == "supplied" {
			ctx.Supplied = true
		}
	}
	return out
}

// policeContext reports whether people "held", "seized" or "released"
// are in the hands of police or courts rather than captors: "Four held in
// anti-terror raids", "seized in an operation by officers from the
// Metropolitan Police", "300 Muslims detained ... another 900 to be
// released". Hostages, kidnappers and militants keep the sentence captured.
func policeContext(toks []tokens.Token, m Mention) bool {
	if m.Cue < 0 || !toks[m.Cue].Is("held", "holding", "hold", "holds", "seized", "released", "freed", "release", "releasing", "free") {
		return false
	}
	// People "held" are arrested unless captors hold them: "Over 100
	// undocumented migrants held in the province", "Four men held over
	// bomb". "Seized" and "released" need the police named.
	police := toks[m.Cue].Is("held", "holding", "hold", "holds")
	for _, t := range toks {
		switch t.Lower {
		case "hostage", "hostages", "kidnapped", "kidnappers", "kidnapping", "abducted", "captors", "captive", "captives",
			"militants", "insurgents", "rebels", "gunmen", "guerrillas", "prisoners", "pows", "abductors", "militant", "group",
			"captivity", "ransom", "hijackers", "pirates", "gang", "gangs":
			return false
		case "police", "policemen", "raid", "raids", "arrest", "arrested", "arrests", "detained", "detention", "custody",
			"suspects", "suspected", "officers", "anti-terror", "charged", "court", "prosecute", "bail", "detainees":
			police = true
		}
	}
	return police
}

// coordinatedBefore reports whether count a is joined to the counted
// phrase of b by "and", "or" or a comma and nothing else: "nine Iraqis and
// four US soldiers", "Six Iraqi national guards, 10 civilians", "35
// children and seven adults".
func coordinatedBefore(toks []tokens.Token, a, b Mention) bool {
	end := max(a.Last, a.SubjLast)
	if end >= b.First {
		return false
	}
	// "with 5 Bombs, 2 Police Hurt": bombs are not hurt.
	if a.SubjFirst <= a.SubjLast && (supplyNouns[toks[a.SubjLast].Lower] || nonPersonNouns[toks[a.SubjLast].Lower]) {
		return false
	}
	joined := false
	for j := end + 1; j < b.First; j++ {
		if !toks[j].Is("and", "or", ",") {
			return false
		}
		joined = true
	}
	return joined
}

// accused reports a charge inside or right after a noun phrase: "charged with",
// "accused of", "convicted of", "are charged", "were sentenced".
func accused(toks []tokens.Token, from, k int) bool {
	for from < k && from < len(toks) {
		if charges[toks[from].Lower] {
			return true
		}
		from++
	}
	for k < len(toks) && toks[k].Is("are", "were", "was", "is", "have", "has", "been", "being", "also") {
		k++
	}
	return k < len(toks) && charges[toks[k].Lower]
}

var charges = map[string]bool{"charged": true, "accused": true, "convicted": true, "indicted": true,
	"sentenced": true, "prosecuted": true}

// presence reports troops counted where they are stationed: "Italy must
// withdraw its 3,000 troops", "Britain's 8,500 soldiers in Iraq", "some
// 2,000 troops in Kosovo" — a deployment stated as a presence.
func presence(toks []tokens.Token, m Mention) bool {
	if m.SubjFirst > m.SubjLast || !soldierNouns[toks[m.SubjLast].Lower] || m.Qualifier == "vague" {
		return false
	}
	if m.First > 0 {
		if p := toks[m.First-1]; p.Is("its", "their", "his", "her") || strings.HasSuffix(p.Lower, "'s") || strings.HasSuffix(p.Lower, "’s") {
			return true
		}
	}
	k := m.SubjLast + 1
	return k+1 < len(toks) && toks[k].Is("in", "stationed", "based", "serving") && toks[k+1].IsCap()
}

// oneIn reports a ratio after "one in": "one in five", "one in 10", "one
// in every three" — not "kills one in southern Afghanistan".
func oneIn(toks []tokens.Token, k int) bool {
	return k < len(toks) && (toks[k].Kind == tokens.Num || toks[k].Is("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "an", "every", "hundred", "thousand", "dozen"))
}

// relative reports whether the figure sits in a relative clause about an
// earlier event ("the siege that killed nearly 340", "the bombing which
// killed 85") or names captives by their captors ("kidnappers of seven").
func relative(toks []tokens.Token, m Mention) bool {
	if m.Cue < 1 {
		return false
	}
	// Only an earlier event is background: "the 1994 bombing ... that
	// killed 85", "an earlier blast that wounded three". "Floods that
	// killed nearly 340 people" is the news itself.
	if m.Cue < m.First && toks[m.Cue-1].Is("that", "which", "who") {
		for j := m.Cue - 2; j >= 0 && j >= m.Cue-10; j-- {
			t := toks[j]
			if t.Is("earlier", "previous", "last", "former", "past", "deadly", "worst") || t.Kind == tokens.Num && len(t.Text) == 4 && t.Text >= "1900" && t.Text <= "2099" {
				return true
			}
		}
	}
	// "The wreckage of a helicopter, which disappeared with four crew
	// members on board, has been found": an aside about the subject,
	// between commas, before the sentence's own verb.
	if m.Cue >= 2 && m.Cue < m.First && toks[m.Cue-1].Lower == "which" && toks[m.Cue-2].Text == "," {
		for j := m.Last + 1; j < len(toks) && j <= m.Last+8; j++ {
			if toks[j].Text == "," {
				return j+1 < len(toks) && toks[j+1].Is("has", "have", "had", "was", "were", "is", "are", "will")
			}
		}
	}
	return toks[m.Cue].Is("kidnappers", "captors", "abductors")
}

// plausible drops mentions whose value cannot be a count.
func plausible(m Mention) bool {
	if m.HasValue && (m.Value < 1 || m.Value != float64(int64(m.Value)) && m.Value < 1000) {
		return false
	}
	return true
}

// isCount drops number phrases that are amounts, dates, ages, durations,
// measurements, ranks, years or fractions.
func isCount(toks []tokens.Token, p numbers.Phrase) bool {
	if p.Unit != "" {
		return false
	}
	if p.First > 0 {
		prev := toks[p.First-1]
		// "won 3-1" is a score, but "lost 2,030 troops" a count.
		if nonCountPrev[prev.Lower] && !(scoreVerbs[prev.Lower] && p.Last+1 < len(toks) && (personish(toks[p.Last+1].Lower) || deployNouns[toks[p.Last+1].Lower] || toks[p.Last+1].Lower == "of")) {
			return false
		}
		if prev.Text == "#" {
			return false
		}
		// Model names: "Leopard 2 tanks", "Patriot 3 missiles" — a
		// name right before a small number, in a sentence not set in
		// title case (where "Israel Kills 5" is a headline's verb).
		if prev.IsCap() && p.First >= 2 && p.Digits && p.HasValue && p.Value < 100 && p.NumFirst == p.First &&
			!titleCased(toks) && measureVerbs[prev.Lower] == "" && !months[prev.Lower] && p.Last+1 < len(toks) && supplyNouns[toks[p.Last+1].Lower] {
			return false
		}
		// Dates: "Jan. 30", "March 3".
		if k := p.First - 1; p.Digits && p.HasValue && p.Value <= 31 {
			if toks[k].Text == "." && k > 0 {
				k--
			}
			if months[toks[k].Lower] {
				return false
			}
		}
		// References: "(Table 1)", "see Figure 2", "Annex 3".
		switch prev.Text {
		case "Table", "Figure", "Annex", "Page", "Chart", "Graph", "Appendix", "Section", "Chapter", "Paragraph", "Map", "Box", "Fig":
			return false
		}
		// Ratios: "one person in every 110", "four out of five".
		if prev.Lower == "every" || prev.Lower == "of" && p.First >= 3 && toks[p.First-2].Lower == "out" && numbers.Any(toks[p.First-3:p.First-2]) {
			return false
		}
		// Model names: "Kn-23 missiles", "F-16".
		if prev.Text == "-" && !toks[p.First].SpaceBefore && p.First >= 2 && toks[p.First-2].Kind == tokens.Word && !prev.SpaceBefore {
			return false
		}
	}
	// "Swimmer, 77, believed killed", "John Smith, 45, died": an age
	// between commas after a person.
	if p.First >= 2 && p.First == p.NumFirst && p.Digits && p.HasValue && p.Value < 120 && p.Last+1 < len(toks) &&
		toks[p.First-1].Text == "," && toks[p.Last+1].Text == "," && toks[p.First-2].Kind == tokens.Word &&
		(toks[p.First-2].IsCap() || personish(toks[p.First-2].Lower)) {
		return false
	}
	if n := p.Last + 1; n+1 < len(toks) && toks[n].Lower == "out" && toks[n+1].Lower == "of" {
		return false // "four out of five refugees"
	}
	if n := p.Last + 1; n < len(toks) {
		next := toks[n]
		if nonCountNext[next.Lower] || months[next.Lower] && p.Digits && p.Value <= 31 {
			return false
		}
		// "24-hour", "25-year-old", "two-thirds", "5-0"
		if (next.Text == "-" || next.Text == "–") && n+1 < len(toks) && !toks[n+1].SpaceBefore {
			w := toks[n+1]
			if nonCountNext[w.Lower] || w.Kind == tokens.Num {
				return false
			}
		}
		// "one of", "one in five"
		if p.HasValue && p.Value == 1 && p.Qualifier == "exact" && (next.Lower == "of" || next.Lower == "in" && oneIn(toks, n+1)) {
			return false
		}
		// Time of day "10:30".
		if next.Text == ":" && n+1 < len(toks) && toks[n+1].Kind == tokens.Num && !toks[n+1].SpaceBefore {
			return false
		}
		if next.Text == "/" || next.Text == "." && n+1 < len(toks) && toks[n+1].Kind == tokens.Num {
			return false
		}
	}
	// Years: four digits without separators, 1800–2100 ("in 2004", "the
	// 1994 bombing").
	if p.Digits && p.HasValue && p.Qualifier != "range" {
		t := toks[p.NumFirst]
		if len(t.Text) == 4 && allDigits(t.Text) && p.Value >= 1800 && p.Value <= 2100 && p.NumFirst == p.NumLast {
			return false
		}
	}
	return true
}

// titleCased reports a headline in title case: most words capitalised.
func titleCased(toks []tokens.Token) bool {
	caps, n := 0, 0
	for _, t := range toks {
		if t.Kind == tokens.Word && len(t.Text) >= 4 {
			n++
			if t.IsCap() {
				caps++
			}
		}
	}
	return n >= 3 && caps*4 >= n*3
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scoreVerbs before a number usually give a score ("beat them 3-1"), unless
// people follow.
var scoreVerbs = map[string]bool{"score": true, "scored": true, "beat": true, "won": true, "lost": true}
