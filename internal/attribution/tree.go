package attribution

import (
	"strings"
	"unicode"

	"github.com/tally-news/tally/internal/tree"
)

// Reading the dependency tree for who asserts a figure. From the
// figure's word the tree is climbed towards the root; the first
// reporting predicate met governs the figure:
//
//   - a reporting verb whose complement holds the figure: "the ministry
//     said (that) 12 died" (ccomp), "12 died, the ministry said" (the
//     figure's clause is its complement, or it hangs on the clause as
//     parataxis), "the agency estimated 1,100 casualties" (its object);
//   - "according to X" on any clause above the figure;
//   - a speaker's participle: "..., citing hospital officials" makes the
//     officials the source and the subject the relay;
//   - who sets a tally: "authorities brought the toll down to 253".
//
// The source is the reporting verb's subject (or "by" agent), as a
// phrase without its relative clauses and asides. The words are
// vocabulary; the tree says which verb governs which clause.

// reportingLemmas are the verbs that assert what their complement says;
// the value says whether they hedge it.
var reportingLemmas = map[string]bool{
	"say": false, "tell": false, "report": false, "claim": false, "estimate": true, "assess": true,
	"believe": true, "announce": false, "state": false, "add": false, "confirm": false, "note": false,
	"write": false, "tweet": false, "post": false, "inform": false, "brief": false, "warn": false,
	"reveal": false, "disclose": false, "count": false, "record": false, "register": false,
	"document": false, "verify": false, "acknowledge": false, "admit": false, "insist": false,
	"show": false, "suggest": true, "indicate": true, "explain": false, "testify": false,
	"declare": false, "allege": false, "put": false, "tally": false,
	"cite": false, "quote": false, "calculate": true, "stress": false, "repeat": false,
}

// tallySetters set a figure they assert: "authorities brought the toll
// down to 253", "Sri Lanka cut the toll to 253", "put the figure at".
var tallySetters = map[string]bool{
	"bring": true, "cut": true, "raise": true, "lower": true, "revise": true, "put": true,
	"update": true, "correct": true, "increase": true, "reduce": true, "set": true, "place": true,
}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// sayingLemmas are the participles that report for their clause's
// subject: "..., saying", "..., adding".
var sayingLemmas = map[string]bool{"say": true, "add": true, "claim": true, "note": true, "insist": true, "state": true}

// setsTally reports whether verb v has a tally as its object: "brought
// the toll down to 253", "put the number at 1,100", "put it at".
func setsTally(s *tree.Sentence, v int) bool {
	o := s.Kid(v, "obj")
	switch s.Lemma(o) {
	case "toll", "number", "count", "figure", "total", "tally", "estimate", "it":
		return true
	}
	return false
}

// dataNouns stand for their author: "figures from the health ministry
// show", "Home Office figures show", "a report by Seoul's spy agency".
var dataNouns = map[string]bool{
	"figure": true, "data": true, "statistic": true, "report": true, "statement": true,
	"estimate": true, "assessment": true, "tally": true, "count": true, "record": true,
	"survey": true, "study": true, "analysis": true, "update": true, "bulletin": true,
}

// treeClause finds the reporting clause that governs the figure whose
// number is word w, and the one above it (a relay), as Clauses over
// token indices. ok is false when no reporting predicate governs it.
func treeClause(s *tree.Sentence, w int) (inner Clause, outer *Clause, ok bool) {
	var found []Clause
	// "the 19 deaths the government has acknowledged", "the 2,000 arrests
	// recorded by the monitoring group": a report on the figure's own
	// noun names its source, whoever speaks around it.
	if c, ok := nounReport(s, w); ok {
		found = append(found, c)
	}
	for x, steps := w, 0; x >= 0 && steps <= s.Len() && len(found) < 2; steps++ {
		h := s.Head(x)
		rel := s.URel(x)
		// "according to X" on this clause.
		if c, ok := according(s, x); ok {
			found = append(found, c)
		}
		if h >= 0 {
			if _, rep := reportingLemmas[s.Lemma(h)]; rep && governs(s, h, x, rel) {
				if c, ok := verbClause(s, h); ok {
					found = append(found, c)
				} else if v := s.Head(h); v >= 0 && s.Words[h].XPOS == "VBG" && s.Kid(h, "nsubj") < 0 && (s.URel(h) == "advcl" || s.URel(h) == "conj" || s.URel(h) == "xcomp") {
					// "he told reporters, adding that 64 officers had been
					// injured": the participle's speaker is its verb's.
					if c, ok := verbClause(s, v); ok {
						c.Cue = s.Words[h].Form
						found = append(found, c)
					}
				}
			}
		}
		// "12 died, police said" parsed with the reporting verb hanging
		// on the figure's clause; "..., saying", "..., citing X".
		for _, k := range s.Kids(x) {
			if k == w || s.Dominates(k, w) {
				continue
			}
			r := s.URel(k)
			if r != "parataxis" && r != "advcl" {
				continue
			}
			if _, rep := reportingLemmas[s.Lemma(k)]; !rep {
				continue
			}
			if s.Token(k) < s.Token(w) && r != "advcl" {
				continue // an earlier report is about something else
			}
			if src, ok := relay(s, k); ok {
				// "..., citing hospital officials": the officials say it,
				// through the clause's subject.
				found = append(found, src)
				if c, ok := verbClause(s, x); ok {
					found = append(found, c)
				}
			} else if c, ok := verbClause(s, k); ok && r == "parataxis" && s.Kid(k, "nsubj") >= 0 {
				// (An adverbial clause with its own reporter, "as soon as
				// the company says", reports something else.)
				found = append(found, c)
			} else if r == "advcl" && s.Words[k].XPOS == "VBG" && sayingLemmas[s.Lemma(k)] {
				// "Sri Lanka cut the toll to 253, saying ...": the
				// participle's subject is the clause's.
				if c, ok := verbClause(s, x); ok {
					c.Cue = s.Words[k].Form
					found = append(found, c)
				}
			}
		}
		// Who sets a tally asserts it: "authorities brought the toll
		// down to 253".
		if subj := s.Kid(x, "nsubj"); tallySetters[s.Lemma(x)] && x != w && setsTally(s, x) && subj >= 0 && !isOneOf(s.Lower(subj), "which", "that", "who") {
			if c, ok := verbClause(s, x); ok && len(found) == 0 {
				c.Cue = s.Words[x].Form
				found = append(found, c)
			}
		}
		x = h
	}
	// The people counted are not who counts them.
	wt := s.Token(w)
	kept := found[:0]
	for _, c := range found {
		if !(c.SrcFirst <= wt && wt <= c.SrcLast) && !conceded(s.Toks, c.Verb, wt) {
			kept = append(kept, c)
		}
	}
	found = kept
	if len(found) == 0 {
		return Clause{}, nil, false
	}
	if len(found) > 1 {
		return found[0], &found[1], true
	}
	return found[0], nil, true
}

// nounReport reads a reporting clause on the noun a number counts: a
// relative clause or participle ("the 45 deaths that police reported",
// "the arrests recorded by the group"), or, as the parser may hang it,
// the noun as a fronted object of the reporting verb with its subject
// between ("the 19 deaths the government has acknowledged").
func nounReport(s *tree.Sentence, w int) (Clause, bool) {
	n := w
	if s.URel(w) == "nummod" {
		n = s.Head(w)
	}
	if n < 0 || s.POS(n) != "NOUN" {
		return Clause{}, false
	}
	for _, k := range s.Kids(n) {
		if k > n && s.URel(k) == "acl" {
			if _, rep := reportingLemmas[s.Lemma(k)]; rep && s.Lemma(k) != "put" {
				if c, ok := verbClause(s, k); ok {
					return c, true
				}
			}
		}
	}
	if h := s.Head(n); h > n {
		if _, rep := reportingLemmas[s.Lemma(h)]; rep && (s.URel(n) == "obj" || s.URel(n) == "obl") {
			if subj := s.Kid(h, "nsubj"); n < subj && subj < h && (s.Case(n) == "" || s.Case(n) == "than") {
				return verbClause(s, h)
			}
		}
	}
	return Clause{}, false
}

// namedApposition returns the name in apposition to a common noun w
// ("outlet Mediazona", "the group, Airwars,"), or -1.
func namedApposition(s *tree.Sentence, w int) int {
	if s.POS(w) != "NOUN" {
		return -1
	}
	for _, k := range s.Kids(w) {
		if f := s.Words[k].Form; s.Rel(k) == "appos" && s.POS(k) == "PROPN" && k > w && k <= w+3 && f != "" && unicode.IsUpper([]rune(f)[0]) {
			return k
		}
	}
	return -1
}

// sourceLike reports whether word w can name who asserts a figure: a
// name, a pronoun, or a noun of people, bodies or documents ("officials",
// "the ministry", "a statement") — not "shipwrecks" or "attacks".
func sourceLike(s *tree.Sentence, w int) bool {
	if isDay(s.Lower(w)) || months[s.Lower(w)] {
		return false // "authorities on Thursday brought ..." parsed with Thursday as subject
	}
	switch s.POS(w) {
	case "PROPN":
		return true
	case "PRON":
		return isOneOf(s.Lower(w), "he", "she", "it", "they", "we", "i")
	case "NOUN", "X", "ADJ":
		// A capitalised word inside the sentence is a name the tagger
		// did not know ("the monitoring group Airwars"), when a source
		// noun describes it.
		if f := s.Words[w].Form; w > 0 && f != "" && unicode.IsUpper([]rune(f)[0]) && s.POS(w) == "NOUN" {
			for _, k := range s.Kids(w) {
				if s.URel(k) == "compound" && isSourceNoun(s.Lower(k)) {
					return true
				}
			}
		}
		return namedApposition(s, w) >= 0 || isSourceNoun(s.Lower(w)) || isSourceNoun(s.Lemma(w)) || dataNouns[s.Lemma(w)] || sourceModifiers[s.Lower(w)] ||
			s.Kid(w, "flat", "compound") >= 0 && s.POS(s.Kid(w, "flat", "compound")) == "PROPN"
	}
	return false
}

// relay reads "citing X", "quoting X": X as the source.
func relay(s *tree.Sentence, v int) (Clause, bool) {
	if l := s.Lemma(v); l != "cite" && l != "quote" {
		return Clause{}, false
	}
	o := s.Kid(v, "obj")
	if o < 0 {
		return Clause{}, false
	}
	// "citing the records of its police forces": its own records; the
	// subject speaks.
	lo, hi := s.Span(o)
	for k := lo; k <= hi; k++ {
		if isOneOf(s.Lower(k), "its", "their", "his", "her", "our") {
			return Clause{}, false
		}
	}
	a, b := sourcePhrase(s, o)
	return Clause{Verb: s.Token(v), Cue: s.Words[v].Form, SrcFirst: a, SrcLast: b, After: true}, a <= b
}

// SubjectClause returns the subject of a parsed sentence's main verb as a
// clause ("The governor spoke to reporters" → the governor): who a later
// "he said" is.
func SubjectClause(s *tree.Sentence) (Clause, bool) {
	for w := 0; w < s.Len(); w++ {
		if s.Head(w) < 0 {
			c, ok := verbClause(s, w)
			return c, ok && s.POS(s.Kid(w, "nsubj")) != "PRON"
		}
	}
	return Clause{}, false
}

// IsSourceNoun reports whether a lower-case noun can name who asserts a
// figure ("police", "officials", "the ministry").
func IsSourceNoun(w string) bool { return isSourceNoun(w) }

// TreeClauses returns the reporting clauses of a parsed sentence: each
// reporting verb with its subject, in word order.
func TreeClauses(s *tree.Sentence) []Clause {
	var out []Clause
	for v := 0; v < s.Len(); v++ {
		if _, rep := reportingLemmas[s.Lemma(v)]; !rep || s.POS(v) != "VERB" {
			continue
		}
		// (Its own subject, or the one it shares: "did not comment but
		// said".)
		if c, ok := verbClause(s, v); ok && (s.Kid(v, "nsubj") >= 0 || s.URel(v) == "conj" && s.Kid(s.Head(v), "nsubj") >= 0) {
			out = append(out, c)
		}
	}
	return out
}

// governs reports whether reporting verb h asserts its dependent x (in
// relation rel): its complement, its object, or what it hangs on.
func governs(s *tree.Sentence, h, x int, rel string) bool {
	// "attacks which claimed 359 lives" count the dead, they report
	// nothing.
	if s.Lemma(h) == "claim" && (s.Lemma(x) == "life" || s.Lemma(x) == "responsibility" || s.Lemma(s.Kid(h, "obj")) == "responsibility") {
		return false
	}
	// "..., police said, taking the toll to 62": a participle after
	// the report, its own comment rather than what was said.
	if (rel == "ccomp" || rel == "advcl") && s.Words[x].XPOS == "VBG" && s.Kid(x, "nsubj") < 0 && x > h && commaBetween(s, h, x) {
		return false
	}
	switch rel {
	case "ccomp", "parataxis", "obj", "csubj":
		// Not xcomp: "Airstrikes Said to Kill 44" is hearsay without a
		// speaker.
		return true
	case "advcl":
		// "said on Monday, as 12 died" is no report of the deaths;
		// "estimated at 300" is.
		return s.Case(x) == "at"
	case "obl":
		// "put the toll at 62", "estimated at 300".
		return s.Case(x) == "at" || s.Case(x) == "to"
	}
	return false
}

// according reads "according to X" on clause word x.
func according(s *tree.Sentence, x int) (Clause, bool) {
	for _, k := range s.Kids(x) {
		if s.URel(k) != "obl" && s.URel(k) != "nmod" {
			continue
		}
		for _, c := range s.Kids(k) {
			if s.URel(c) == "case" && s.Lower(c) == "according" {
				a, b := sourcePhrase(s, k)
				return Clause{Verb: s.Token(c), Cue: "according to", SrcFirst: a, SrcLast: b, After: true}, a <= b
			}
		}
	}
	return Clause{}, false
}

// verbClause makes the clause of reporting verb v: its subject (or "by"
// agent) as the source.
func verbClause(s *tree.Sentence, v int) (Clause, bool) {
	subj := -1
	for _, k := range s.Kids(v) {
		// Of two subjects the parser gave ('a group calling itself the
		// Mujahideen Brigade said'), the one next to the verb.
		if s.URel(k) == "nsubj" && (subj < 0 || k < v && k > subj) {
			subj = k
		}
	}
	if subj < 0 {
		subj = s.Kid(v, "obl:agent")
	}
	if subj < 0 {
		// A conjoined verb shares its subject: "released a photo and said".
		if s.URel(v) == "conj" || s.URel(v) == "advcl" {
			subj = s.Kid(s.Head(v), "nsubj")
		}
	}
	if subj < 0 {
		return Clause{}, false
	}
	c := Clause{Verb: s.Token(v), Cue: s.Words[v].Form, Hedged: reportingLemmas[s.Lemma(v)]}
	c.After = s.Token(subj) > c.Verb
	// "which said", "who told": the relative pronoun stands for the noun
	// the clause modifies.
	if s.POS(subj) == "PRON" && isOneOf(s.Lower(subj), "which", "that", "who") && s.URel(v) == "acl" {
		subj = s.Head(v)
	}
	// What is counted does not count itself: "a toll Ukraine said".
	switch s.Lemma(subj) {
	case "toll", "number", "death", "casualty", "total", "count", "tally":
		return Clause{}, false
	}
	if s.POS(subj) == "NUM" || !sourceLike(s, subj) {
		return Clause{}, false
	}
	a, b := sourcePhrase(s, subj)
	if a > b {
		return Clause{}, false
	}
	c.SrcFirst, c.SrcLast = a, b
	return c, true
}

// sourcePhrase returns the token range of the source noun phrase headed
// by word w: its modifiers and name parts, without relative clauses,
// participial phrases, appositions and what follows a comma; for a data
// noun ("figures from the health ministry", "Home Office figures"), the
// author.
func sourcePhrase(s *tree.Sentence, w int) (int, int) {
	// "Independent Russian outlet Mediazona", "the monitoring group
	// Airwars": a description with the name in apposition is the name.
	if n := namedApposition(s, w); n >= 0 {
		return sourcePhrase(s, n)
	}
	for _, k := range s.Kids(w) {
		// 'a group calling itself "The Islamic Army in Iraq"'
		if s.URel(k) == "acl" && isOneOf(s.Lemma(k), "call", "name") {
			if n := s.Kid(k, "xcomp", "obj"); n >= 0 && s.POS(n) == "PROPN" && s.Lower(n) != "itself" {
				return sourcePhrase(s, n)
			}
		}
	}
	if dataNouns[s.Lemma(w)] {
		// "a statement posted on a Web site by an Iraqi group"
		for _, k := range s.Kids(w) {
			if s.URel(k) == "acl" {
				if ag := s.Kid(k, "obl:agent"); ag >= 0 {
					return sourcePhrase(s, ag)
				}
			}
		}
		for _, k := range s.Kids(w) {
			if s.URel(k) == "nmod" && isOneOf(s.Case(k), "from", "by", "of") && s.Token(k) > s.Token(w) {
				return sourcePhrase(s, k)
			}
		}
		// "Home Office figures", "a US military statement": the author
		// is the phrase before the data noun ("its report" refers back,
		// and stays whole).
		lo := w
		for _, k := range s.Kids(w) {
			if r := s.Rel(k); (r == "compound" || r == "nmod:poss") && k < w && s.POS(k) != "PRON" && sourceLike(s, k) {
				a, _ := keep(s, k, false)
				lo = min(lo, a)
			}
		}
		if lo < w {
			ta := s.Token(lo)
			for ta < s.Token(w)-1 && s.Toks[ta].Is("the", "a", "an") {
				ta++
			}
			return ta, s.Token(w - 1)
		}
	}
	a, b := keep(s, w, true)
	ta, tb := s.Token(a), s.Token(b)
	// Nothing across a comma before the head: "wounding 50, officials".
	for k := ta; k < s.Token(w); k++ {
		if s.Toks[k].Text == "," {
			ta = k + 1
		}
	}
	for ta <= tb && s.Toks[ta].Is("the", "a", "an") {
		ta++
	}
	return ta, tb
}

// keep returns the word range of w with the dependents that are part of
// a name or description: compounds, modifiers, possessives, flat names,
// "of"/"for" phrases ("Ministry of Health", "spokesman for the Red
// Crescent"), up to the first comma.
func keep(s *tree.Sentence, w int, top bool) (int, int) {
	lo, hi := w, w
	for _, k := range s.Kids(w) {
		switch s.Rel(k) {
		case "case":
			// The case of an inner "of"/"for" phrase is part of the
			// name; the source's own ("according to", "by") is not.
			if !top {
				lo, hi = min(lo, k), max(hi, k)
			}
		case "compound", "amod", "nmod:poss", "flat", "det", "compound:prt", "nmod:desc":
			a, b := keep(s, k, false)
			lo, hi = min(lo, a), max(hi, b)
		case "appos":
			// "Russia's defence ministry" parsed with "ministry" as an
			// apposition: next to its head, with no comma, it is part
			// of the name.
			if k == w+1 {
				a, b := keep(s, k, false)
				lo, hi = min(lo, a), max(hi, b)
			}
		case "nmod":
			// Not a time: "authorities on Thursday", "officials in March".
			if isDay(s.Lower(k)) || months[s.Lower(k)] || s.POS(k) == "NUM" {
				continue
			}
			if isOneOf(s.Case(k), "of", "for", "in", "at", "from", "on") && k > w && !commaBetween(s, w, k) {
				a, b := keep(s, k, false)
				lo, hi = min(lo, a), max(hi, b)
			}
		}
	}
	return lo, hi
}

func commaBetween(s *tree.Sentence, a, b int) bool {
	for k := a + 1; k < b; k++ {
		if s.Words[k].Form == "," {
			return true
		}
	}
	return false
}

func isOneOf(w string, set ...string) bool {
	for _, x := range set {
		if strings.EqualFold(w, x) {
			return true
		}
	}
	return false
}

// background reports whether the figure at word w sits in a relative
// clause on an event that is a circumstance of what the speaker at word
// v says: "investigators said bad weather caused an accident which
// killed 26", "would prosecute those detained at a riot that led to the
// deaths of 87". The event is known; the figure identifies it, in the
// article's voice. (An event that is what is said, "floods that killed
// 340 have displaced a million, the UN said", is the news.)
func background(s *tree.Sentence, w, v int) bool {
	if eventOf(s, w, v) {
		return true
	}
	for x, steps := w, 0; x >= 0 && x != v && steps < s.Len(); x, steps = s.Head(x), steps+1 {
		if s.URel(x) != "acl" {
			continue
		}
		n := s.Head(x)
		if n >= 0 && (s.URel(n) == "nmod" || s.URel(n) == "obl") && !dataNouns[s.Lemma(n)] && !isSourceNoun(s.Lemma(n)) && eventNouns[s.Lemma(n)] {
			return true
		}
	}
	return false
}

// eventOf reports a figure that names the people of an event the
// speaker at word v says something else about: "praised the release of
// several political prisoners", "the killing of two clerics could be
// part of a slide, analysts say", "to secure the release of two hostages".
// The event is known; the speaker's words are about it, not its count.
func eventOf(s *tree.Sentence, w, v int) bool {
	n := w
	if s.URel(w) == "nummod" {
		n = s.Head(w)
	}
	if s.URel(n) != "nmod" || s.Case(n) != "of" {
		return false
	}
	e := s.Head(n)
	if e < 0 || !eventOfNouns[s.Lemma(e)] || s.Kid(e, "det") < 0 || s.Lower(s.Kid(e, "det")) != "the" {
		return false
	}
	h := s.Head(e)
	if h < 0 || h == v {
		return false
	}
	if _, rep := reportingLemmas[s.Lemma(h)]; rep {
		return false
	}
	// The event is the object of another verb, or the subject of a
	// judgement about it ("could be part of", "sparked").
	switch s.URel(e) {
	case "obj", "nsubj", "obl":
		return s.POS(h) == "VERB" || s.POS(h) == "NOUN" || s.POS(h) == "ADJ"
	}
	return false
}

var eventOfNouns = map[string]bool{
	"release": true, "killing": true, "kidnapping": true, "abduction": true, "murder": true,
	"execution": true, "detention": true, "freeing": true, "capture": true,
}

// eventNouns name an attack, disaster or clash that a figure can
// identify.
var eventNouns = map[string]bool{
	"attack": true, "bombing": true, "blast": true, "explosion": true, "accident": true, "crash": true,
	"riot": true, "siege": true, "fire": true, "firestorm": true, "quake": true, "earthquake": true,
	"storm": true, "flood": true, "clash": true, "raid": true, "strike": true, "airstrike": true,
	"shooting": true, "massacre": true, "ambush": true, "stampede": true, "shipwreck": true,
	"sinking": true, "hurricane": true, "typhoon": true, "cyclone": true, "tsunami": true,
	"incident": true, "uprising": true, "offensive": true, "battle": true, "demonstration": true,
	"protest": true, "collapse": true, "disaster": true, "landslide": true, "bomb": true, "assault": true,
	"violence": true, "unrest": true, "fighting": true, "war": true, "conflict": true, "mutiny": true,
}
