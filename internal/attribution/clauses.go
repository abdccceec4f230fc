package attribution

import (
	"strings"

	"github.com/tally-news/tally/internal/tokens"
)

// reportingVerbs introduce a source: "X said", "said X", "X told Reuters",
// "X estimated". The value says whether the verb hedges the figure.
var reportingVerbs = map[string]bool{
	"said": false, "says": false, "say": false, "saying": false, "told": false, "tells": false,
	"reported": false, "reports": false, "report": false, "reporting": false,
	"claimed": false, "claims": false, "claim": false, "claiming": false,
	"estimated": true, "estimates": true, "estimate": true, "estimating": true,
	"assessed": true, "assesses": true, "assess": true, "believes": true, "believe": true,
	"announced": false, "announces": false, "stated": false, "states": false,
	"added": false, "adds": false, "confirmed": false, "confirms": false, "noted": false,
	"wrote": false, "writes": false, "tweeted": false, "posted": false, "informed": false,
	"briefed": false, "warned": false, "warns": false, "revealed": false, "disclosed": false,
	"counted": false, "recorded": false, "registered": false, "documented": false,
	"verified": false, "acknowledged": false, "admitted": false, "insisted": false,
	"quoted": false, "cited": false, "put": false, "puts": false, "show": false, "shows": false,
	"showed": false, "suggest": true, "suggests": true, "suggested": true, "indicate": true,
	"indicates": true, "indicated": true, "pointed": false, "explained": false,
	"testified": false, "declared": false, "alleged": false, "accused": false,
	"confirming": false, "adding": false, "citing": false, "announcing": false,
}

// nounForms are reporting words that are also nouns ("a report", "1,650
// reports of"); they report only after a subject.
var nounForms = map[string]bool{
	"report": true, "reports": true, "claim": true, "claims": true, "estimate": true,
	"estimates": true, "count": true, "put": true, "puts": true, "show": true, "shows": true,
	"counted": true, "recorded": true, "registered": true, "documented": true,
}

// sourceModifiers are lower-case words that may stand inside a source's
// name: "the UN migration agency", "local health officials".
var sourceModifiers = map[string]bool{
	"local": true, "senior": true, "health": true, "defence": true, "defense": true,
	"interior": true, "foreign": true, "state": true, "news": true, "top": true, "chief": true,
	"security": true, "hospital": true, "medical": true, "rescue": true, "emergency": true,
	"aid": true, "relief": true, "humanitarian": true, "human": true, "rights": true,
	"migration": true, "refugee": true, "spy": true, "regional": true, "provincial": true,
	"district": true, "city": true, "government": true, "military": true, "army": true,
	"police": true, "intelligence": true, "general": true, "joint": true, "civil": true,
	"disaster": true, "management": true, "relations": true, "information": true,
	"press": true, "prime": true, "deputy": true, "vice": true, "public": true, "election": true,
	"electoral": true, "border": true, "coast": true, "guard": true, "national": true,
	"international": true, "u.n.": true, "un": true, "of": true, "for": true, "'s": true,
	"the": true, "u.s.": true, "us": true, "independent": true, "private": true, "official": true,
	"opposition": true, "rebel": true, "tribal": true, "palestinian": true, "iraqi": true,
	"israeli": true, "medical-aid": true, "aid-agency": true, "staff": true, "general's": true,
	"ukrainian": true, "russian": true, "armed": true, "forces": true, "air": true, "force": true,
	"navy": true, "naval": true, "ministry": true, "office": true, "agency": true,
	"department": true, "commission": true, "council": true, "committee": true, "service": true,
	"observatory": true, "network": true, "television": true, "radio": true, "channel": true,
	"station": true, "newspaper": true, "daily": true, "website": true, "media": true,
	"state-run": true, "state-owned": true, "official's": true, "mission": true, "monitoring": true,
	"high": true, "commissioner": true, "secretary": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "lawmaker": true, "minister": true, "president": true, "governor": true,
	"mayor": true, "commander": true, "head": true, "director": true, "leader": true,
}

// numberWords end a source phrase read backwards: "kidnappers of seven
// employees ... said" names no source.
var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true,
	"dozen": true, "dozens": true, "hundred": true, "hundreds": true, "thousand": true,
	"thousands": true, "million": true, "millions": true, "scores": true, "several": true,
}

// srcStop ends a source noun phrase read backwards from its verb.
// postTitles are titles whose post is named after "to".
var postTitles = map[string]bool{
	"ambassador": true, "envoy": true, "representative": true, "delegate": true, "adviser": true,
	"advisor": true, "coordinator": true, "rapporteur": true, "emissary": true,
}

var srcStop = map[string]bool{
	"that": true, "and": false, "but": true, "as": true, "if": true, "when": true, "while": true,
	"because": true, "after": true, "before": true, "since": true, "where": true, "though": true,
	"although": true, "so": true, "than": true, "then": true, "also": true, "has": true,
	"have": true, "had": true, "was": true, "were": true, "is": true, "are": true, "will": true,
	"would": true, "could": true, "later": true, "previously": true, "earlier": true,
	"separately": true, "meanwhile": true, "however": true, "on": true, "in": true, "at": true,
	"with": true, "for": true, "to": true, "into": true, "from": true, "over": true,
	"during": true, "what": true, "how": true, "why": true, "who": true, "whom": true,
	"which": true, "not": true, "it": false, "he": false, "she": false, "they": false,
	"we": false, "reportedly": true, "said": true, "says": true,
}

// Clause is one reporting clause in a sentence.
type Clause struct {
	Verb              int    // token index of the reporting word
	Cue               string // the reporting word(s) as written
	SrcFirst, SrcLast int    // token range of how the sentence names the source
	After             bool   // the source follows the verb ("said X", "according to X")
	Hedged            bool
	Relative          bool // "a report by X ..., which said": the source is the antecedent
}

// Clauses finds the reporting clauses of a sentence.
//
//	"..., South Korea's Joint Chiefs of Staff said on Monday."
//	"..., said Volker Turk, the UN High Commissioner for Human Rights."
//	"According to the IOM, ..."
//	"Figures from the health ministry show ..."
//	"10,000 troops have reached Kursk, says Pentagon"
func Clauses(toks []tokens.Token) []Clause {
	var out []Clause
	for v := 0; v < len(toks); v++ {
		t := toks[v]
		if t.Lower == "according" && v+1 < len(toks) && toks[v+1].Lower == "to" {
			if a, b := nounAfter(toks, v+2); a <= b {
				out = append(out, Clause{Verb: v, Cue: "according to", SrcFirst: a, SrcLast: b, After: true})
			}
			continue
		}
		// "figures from X", "data from X", "a report by X", "a statement from X".
		if t.Is("figures", "data", "statistics", "tally", "count", "report", "statement", "estimate", "estimates", "assessment", "accounts") && v+1 < len(toks) && toks[v+1].Is("from", "by", "of") &&
			// "the count of North Korean troops killed" counts; it
			// names no source.
			!(toks[v+1].Lower == "of" && t.Is("tally", "count", "figures", "data", "statistics")) {
			a, b := nounAfter(toks, v+2)
			// "accounts from local authorities of recent strikes": a
			// generic source, lower-case, ends before its "of".
			generic := false
			for k := a; k <= b; k++ {
				if k > a && toks[k].Lower == "of" && !toks[k-1].IsCap() {
					b = k - 1
					break
				}
				generic = generic || isSourceNoun(toks[k].Lower)
			}
			if a <= b && (toks[a].IsCap() || toks[a].Lower == "the" || generic) {
				out = append(out, Clause{Verb: v, Cue: t.Lower + " " + toks[v+1].Lower, SrcFirst: a, SrcLast: b, After: true, Hedged: t.Is("estimate", "estimates", "assessment")})
			}
			continue
		}
		hedge, ok := reportingVerbs[t.Lower]
		if !ok {
			continue
		}
		// "the bull-run", "a state-run paper": the end of a compound word.
		if v >= 1 && toks[v-1].Text == "-" && !t.SpaceBefore {
			continue
		}
		// "three Americans accused of torturing": a charge, not a report.
		if t.Is("accused", "accuses", "accusing") && v+1 < len(toks) && toks[v+1].Lower == "of" {
			continue
		}
		// "US Airstrikes Said to Kill at Least 44", "Three Said Killed":
		// hearsay without a speaker. "Typhoon Claims 25 Lives": a toll.
		if v+1 < len(toks) && (toks[v+1].Lower == "to" && t.Is("said", "reported", "believed", "thought", "feared") ||
			t.Is("claims", "claimed", "claim", "claiming") && (toks[v+1].Kind == tokens.Num || numberWords[toks[v+1].Lower] || toks[v+1].Is("the", "more", "at", "over", "some", "about", "nearly", "dozens", "hundreds", "thousands"))) {
			continue
		}
		// "IOM has been told of 400 migrants dying", "officials were
		// informed that ...": who was told is who reports it.
		if v >= 1 && toks[v-1].Is("was", "were", "been", "is", "are") && t.Is("told", "informed", "briefed", "notified") && v+1 < len(toks) && toks[v+1].Is("of", "that", "about") {
			k := v - 1
			for k >= 0 && toks[k].Is("was", "were", "been", "has", "have", "had", "is", "are") {
				k--
			}
			if a, b := nounBefore(toks, k+1); a <= b {
				out = append(out, Clause{Verb: v, Cue: t.Text, SrcFirst: a, SrcLast: b})
			}
			continue
		}
		if v >= 1 {
			prev := toks[v-1]
			// "an estimated 770", "a reported 1,000", "were reported killed",
			// "1,650 reports of".
			if prev.Is("a", "an", "the", "was", "were", "is", "are", "been", "be", "being", "its", "their", "his", "her") || prev.Kind == tokens.Num || numberWords[prev.Lower] {
				continue
			}
		}
		// "estimated 770", "reported 1,000": an adjective, not a report.
		if v+1 < len(toks) && (toks[v+1].Kind == tokens.Num || numberWords[toks[v+1].Lower]) && t.Is("estimated", "reported", "counted", "recorded", "registered", "documented", "confirmed") {
			continue
		}
		// "claimed responsibility", and "States" in "United States".
		if v+1 < len(toks) && toks[v+1].Is("responsibility", "credit") || t.Text == "States" || t.Text == "Reports" && v > 0 {
			continue
		}
		if nounForms[t.Lower] && v+1 < len(toks) && toks[v+1].Is("of", "on", "by", "from", "in") {
			continue
		}
		// "the minister pointed out", "X put the toll at": keep.
		c := Clause{Verb: v, Cue: t.Text, Hedged: hedge}
		// "Police released a photo of the truck outside the Australian
		// Embassy and said ...": the speaker is the sentence's subject,
		// not the noun before "and".
		if v >= 1 && toks[v-1].Lower == "and" {
			if a, b := subjectNP(toks, subjectStart(toks)); a <= b && b < v {
				c.SrcFirst, c.SrcLast = a, b
				out = append(out, c)
			}
			continue
		}
		a, b := nounBefore(toks, v)
		if a <= b && !(b == v-1 && toks[b].Is("which", "that")) {
			c.SrcFirst, c.SrcLast = a, b
			out = append(out, c)
			continue
		}
		if v >= 1 && toks[v-1].Is("which", "that") {
			c.Relative = true
			c.SrcFirst, c.SrcLast = v-1, v-1
			out = append(out, c)
			continue
		}
		// A quoted name before the verb: 'a group calling itself "The
		// Islamic Army in Iraq" said'.
		if a, b, ok := quotedName(toks, v); ok {
			c.SrcFirst, c.SrcLast = a, b
			out = append(out, c)
			continue
		}
		// Inverted: "..., said Volker Turk", "..., says Pentagon". Not a
		// participle ("..., saying it would kill one captive"): what
		// follows it is what was said, not who said it.
		if strings.HasSuffix(t.Lower, "ing") {
			continue
		}
		// After a quote only when the quote ends a sentence or clause
		// ('..., " said X'), not a name.
		quoteEnd := v >= 2 && isQuote(toks[v-1].Text) && toks[v-2].Kind == tokens.Punct
		if v >= 1 && (toks[v-1].Text == "," || quoteEnd || toks[v-1].Text == "-") || v == 0 {
			if a, b := nounAfter(toks, v+1); a <= b {
				c.SrcFirst, c.SrcLast, c.After = a, b, true
				out = append(out, c)
			}
		}
	}
	return out
}

// nounBefore reads the source noun phrase ending right before the verb at
// v: "South Korea's Joint Chiefs of Staff", "the South Korean military",
// "he", "Zelensky". Adverbs between are skipped ("X also said").
func nounBefore(toks []tokens.Token, v int) (int, int) {
	// "The IOM, headquartered in Geneva, estimated": read the name
	// before the aside.
	if v >= 2 && toks[v-1].Text == "," {
		for j := v - 2; j > 0 && j >= v-10; j-- {
			if toks[j].Text == "," {
				if a, b := nounBefore(toks, j); a <= b {
					return a, b
				}
				break
			}
			if toks[j].Kind == tokens.Num || isQuote(toks[j].Text) {
				break
			}
		}
	}
	j := v - 1
skip:
	for j >= 0 {
		switch {
		case toks[j].Is("also", "has", "have", "had", "later", "previously", "separately", "earlier", "further", "again", "reportedly", "publicly", "initially", "officially", "last", "first", "yesterday", "today"):
			j--
		// "The US military last week claimed", "police on Monday said".
		case toks[j].Is("week", "month", "year", "weekend", "night") && j > 0 && toks[j-1].Is("last", "this", "earlier"):
			j -= 2
		case isDay(toks[j].Lower):
			j--
			if j >= 0 && toks[j].Lower == "on" {
				j--
			}
		default:
			break skip
		}
	}
	end := j
	n := 0
	for j >= 0 && n < 10 {
		t := toks[j]
		if t.Kind == tokens.Punct {
			if (t.Text == "'" || t.Text == "’") && j > 0 {
				j--
				continue
			}
			// "al-Qedra", "Abdel-Aal": the word before the hyphen belongs
			// to the name whatever its case.
			if t.Text == "-" && !t.SpaceBefore && j > 0 && j+1 <= end && !toks[j+1].SpaceBefore {
				j -= 2
				continue
			}
			// "the International Organization for Migration (IOM) said"
			if t.Text == ")" && j >= 2 && toks[j-2].Text == "(" && j == end {
				j -= 3
				n++
				continue
			}
			break
		}
		if t.Kind == tokens.Num || numberWords[t.Lower] || isDay(t.Lower) || t.Is("today", "yesterday", "tonight", "whose", "been", "be", "now") {
			break
		}
		// "the International Organisation for Migration", "Ministry of
		// Defence", "Office for the Coordination of ...": a small word
		// between capitalised words of one name.
		if t.Is("for", "of", "on", "the") && j > 0 && j < end && toks[j-1].IsCap() && (toks[j+1].IsCap() || toks[j+1].Lower == "the" && j+2 <= end && toks[j+2].IsCap()) {
			j--
			n++
			continue
		}
		// "Ambassador to the United Nations Dorothy Shea", "envoy to
		// Syria": the post's "to" belongs to the title.
		if t.Lower == "to" && j > 0 && postTitles[toks[j-1].Lower] {
			j--
			n++
			continue
		}
		// "Coalition forces in Afghanistan say", "officials in Gaza
		// said": the place belongs to the source noun before it.
		if t.Is("in", "from") && j > 0 && j < end && isSourceNoun(toks[j-1].Lower) && toks[j+1].IsCap() {
			j--
			n++
			continue
		}
		if stop, ok := srcStop[t.Lower]; ok && stop {
			break
		}
		// Lower-case words inside a source are its nouns and modifiers:
		// "the UN migration agency"; anything else ends it ("one of the
		// two captives ... said").
		hyphened := j >= 1 && toks[j-1].Text == "-" && !t.SpaceBefore
		if !t.IsCap() && !hyphened && !sourceModifiers[t.Lower] && !isSourceNoun(t.Lower) && !isPronoun(t.Lower) && t.Lower != "and" && !strings.HasSuffix(t.Lower, "'s") {
			break
		}
		if t.Lower == "and" {
			// "X and Y said": joint sources keep the first; but "killed
			// and wounded, officials said" is no source.
			if j > 0 && toks[j-1].IsCap() {
				j--
				n++
				continue
			}
			break
		}
		if _, verb := reportingVerbs[t.Lower]; verb {
			break
		}
		j--
		n++
	}
	a := j + 1
	for a <= end && toks[a].Is("the", "a", "an") {
		a++
	}
	if a > end {
		return 1, 0
	}
	// A source is a name or a noun: reject a lone lower-case adjective or
	// verb like "killed".
	if a == end && !toks[a].IsCap() && !isSourceNoun(toks[a].Lower) && !isPronoun(toks[a].Lower) {
		return 1, 0
	}
	return a, end
}

// nounAfter reads a source noun phrase starting at i: "the UN's
// International Organization for Migration (IOM)", "Volker Turk".
func nounAfter(toks []tokens.Token, i int) (int, int) {
	j := i
	n := 0
	for j < len(toks) && n < 12 {
		t := toks[j]
		if t.Kind == tokens.Punct {
			if t.Text == "(" {
				// Keep a parenthesised acronym: "(IOM)".
				if j+2 < len(toks) && toks[j+2].Text == ")" {
					j += 3
					continue
				}
				break
			}
			if (t.Text == "'" || t.Text == "’" || t.Text == "-" || t.Text == "&") && j > i && !t.SpaceBefore {
				j++
				continue
			}
			break
		}
		if t.Kind == tokens.Num {
			break
		}
		if j > i && (t.Is("that", "which", "who", "in", "on", "at", "told", "when", "while", "as", "after", "since", "because", "and", "but", "to", "with", "said", "says", "adding", "citing", "quoting", "for", "via", "last", "this", "yesterday", "today", "without", "who", "earlier") && !(t.Is("for", "of", "in", "on") && j+1 < len(toks) && toks[j+1].IsCap() && toks[j-1].IsCap()) ||
			isDay(t.Lower)) {
			break
		}
		j++
		n++
	}
	a, b := i, j-1
	// "according to data from the UN agency": the source is the agency.
	if a+1 <= b && toks[a].Is("data", "figures", "statistics", "estimates", "accounts", "reports") && toks[a+1].Is("from", "by", "of") {
		a += 2
	}
	for a <= b && toks[a].Is("the", "a", "an") {
		a++
	}
	if a <= b && (toks[a].Is("that", "which", "who", "it", "this", "there") && a == b || toks[a].Is("that", "to", "of", "in", "on", "at", "for", "by", "and", "but")) {
		return 1, 0
	}
	return a, b
}

func isDay(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

func isPronoun(w string) bool {
	switch w {
	case "it", "he", "she", "they", "we", "i":
		return true
	}
	return false
}

// isSourceNoun accepts lower-case heads that can assert a figure, in the
// singular too ("survivor", "witness").
func isSourceNoun(w string) bool {
	return sourceNoun(w) || sourceNoun(w+"s") || sourceNoun(w+"es")
}

func sourceNoun(w string) bool {
	switch w {
	case "officials", "official", "police", "authorities", "military", "army", "ministry",
		"government", "agency", "office", "spokesman", "spokeswoman", "spokesperson", "sources",
		"witnesses", "residents", "medics", "doctors", "hospital", "officers", "rescuers",
		"statement", "report", "analysts", "experts", "diplomats", "media", "television", "tv",
		"radio", "newspaper", "organization", "organisation", "group", "rebels", "insurgents",
		"militants", "commander", "commanders", "minister", "president", "mission", "service",
		"ngo", "charity", "observatory", "monitor", "data", "figures", "estimates", "intelligence",
		"staff", "council", "committee", "lawmakers", "lawmaker", "workers", "volunteers", "survivors",
		"agencies", "ministries", "groups", "team", "teams", "spokesmen", "security", "guards",
		"prosecutors", "investigators", "authority", "department", "aides", "leaders",
		"paramedics", "hospitals", "journalists", "reporters", "correspondent", "activists", "forces":
		return true
	}
	return false
}

func isQuote(s string) bool {
	switch s {
	case "\"", "“", "”", "'", "‘", "’":
		return true
	}
	return false
}

// subjectStart is where a sentence's subject starts, after a dateline
// ("JAKARTA, Indonesia -- ", "BAGHDAD (Reuters) - ").
func subjectStart(toks []tokens.Token) int {
	for j := 0; j < len(toks) && j < 12; j++ {
		if t := toks[j].Text; t == "-" || t == "--" || t == "—" || t == "–" || t == ":" {
			if j+1 < len(toks) && toks[j+1].Text == "-" {
				j++
			}
			return j + 1
		}
	}
	return 0
}

// subjectNP reads a sentence subject that can be a source from token i:
// capitalised words and source nouns with their modifiers ("Police",
// "Iraqi health officials", "the UN refugee agency"); it ends at the
// first other word, as the verb.
func subjectNP(toks []tokens.Token, i int) (int, int) {
	for i < len(toks) && toks[i].Is("the", "a", "an") {
		i++
	}
	j := i
	for j < len(toks) && j < i+8 {
		t := toks[j]
		if t.Kind != tokens.Word || !(t.IsCap() || sourceModifiers[t.Lower] || isSourceNoun(t.Lower)) {
			break
		}
		j++
	}
	return i, j - 1
}

// quotedName finds a name in quotation marks right before the verb at v:
// capitalised words between an opening and a closing quote.
func quotedName(toks []tokens.Token, v int) (int, int, bool) {
	if v < 3 || !isQuote(toks[v-1].Text) || toks[v-2].Kind != tokens.Word {
		return 0, 0, false
	}
	for j := v - 2; j >= 1 && j >= v-10; j-- {
		t := toks[j]
		if isQuote(t.Text) {
			return j + 1, v - 2, j+1 <= v-2 && toks[j+1].IsCap()
		}
		if t.Kind != tokens.Word || !t.IsCap() && !t.Is("of", "in", "for", "the", "and") {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// conceded reports whether the reporting word at token verb stands in a
// fronted concessive clause that ends before the figure at token fig:
// "Although police said they had not fired, four students were killed" —
// what police said is conceded; the deaths are the article's.
func conceded(toks []tokens.Token, verb, fig int) bool {
	if len(toks) == 0 || verb > fig {
		return false
	}
	i := 0
	if toks[0].Kind == tokens.Punct {
		i = 1 // an opening quote
	}
	if i >= len(toks) || !toks[i].Is("although", "though", "while", "whereas", "even") {
		return false
	}
	for k := verb + 1; k < fig; k++ {
		if toks[k].Text == "," {
			return true
		}
	}
	return false
}
