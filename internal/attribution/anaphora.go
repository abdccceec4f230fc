package attribution

import (
	"strings"

	"github.com/tally-news/tally/internal/geo"
	"github.com/tally-news/tally/internal/tokens"
)

// Anaphora: "the ministry said", "the agency added", "he said" refer
// back to a source named before — not to whichever source came last,
// but to the last one the description fits. "The ministry" after a
// police statement is not the police; "he" after a UN agency is not the
// agency.

// recentSources is how many named sources a description can reach back
// over.
const recentSources = 12

// remember records a as the most recent named source.
func (d *Doc) remember(a *Attribution) {
	d.last = a
	if a.Source != "" {
		d.addRecent(*a)
	}
}

// addRecent adds a to the sources descriptions can refer back to.
func (d *Doc) addRecent(a Attribution) {
	d.recent = append(d.recent, a)
	if len(d.recent) > recentSources {
		d.recent = d.recent[1:]
	}
}

// antecedent returns the source a pronoun or definite description (lower
// case, "the ministry", "it", "its spokesman") refers to, and whether
// there is one. A description whose noun names a kind of body takes the
// most recent source of that kind; a generic one ("the statement", "the
// report", "the organisation") and a pronoun take the most recent source
// its gender allows. With no fitting source it has no antecedent, and the
// description is read as a name of its own.
func (d *Doc) antecedent(low string) (Attribution, bool) {
	words := strings.Fields(low)
	if len(words) == 0 {
		return Attribution{}, false
	}
	noun := strings.Trim(words[len(words)-1], ",.'’")
	fits := fitsNoun(noun)
	for i := len(d.recent) - 1; i >= 0; i-- {
		if fits(d.recent[i]) {
			return d.recent[i], true
		}
	}
	if d.last != nil && fits(*d.last) {
		return *d.last, true
	}
	return Attribution{}, false
}

// fitsNoun returns which sources a referring word can stand for.
func fitsNoun(noun string) func(Attribution) bool {
	canonHas := func(a Attribution, ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(a.Source, w) || strings.Contains(strings.ToLower(a.SourceText), strings.ToLower(w)) {
				return true
			}
		}
		return false
	}
	body := func(a Attribution) bool { return a.kind != "person" }
	switch noun {
	case "he", "she", "his", "her", "minister", "president", "commissioner", "premier", "chief":
		return func(a Attribution) bool { return a.kind == "person" }
	case "it", "its":
		return body
	case "ministry", "department":
		return func(a Attribution) bool {
			return a.kind == "ministry" || canonHas(a, "Ministry", "Department")
		}
	case "military", "army":
		return func(a Attribution) bool {
			return a.kind == "military" || canonHas(a, "Army", "Military", "Armed Forces", "Staff", "Forces")
		}
	case "agency":
		return func(a Attribution) bool {
			switch a.kind {
			case "un", "intelligence", "media", "emergency", "ngo":
				return true
			}
			return canonHas(a, "Agency")
		}
	case "un":
		return func(a Attribution) bool { return a.kind == "un" }
	case "organization", "organisation", "group", "body", "office", "mission", "service":
		return body
	}
	return func(Attribution) bool { return true }
}

// namePerson remembers the person a sentence opens with ("Interior
// Minister John Otieno rejected the figures."), for a "he said" after it,
// though the sentence reports nothing.
func (d *Doc) namePerson(text string, toks []tokens.Token) {
	// The capitalised words it opens with, then its verb.
	s, e := 0, -1
	for k := 0; k < len(toks) && toks[k].Kind == tokens.Word && toks[k].IsCap(); k++ {
		e = k
	}
	if e < 1 || e+1 >= len(toks) || toks[e+1].Kind != tokens.Word || toks[e+1].IsCap() || toks[0].Is("the", "a", "an", "this", "that", "these", "those") {
		return
	}
	if _, kind, ok := geo.Lookup(toks[e].Text); ok && (kind == geo.Demonym || kind == geo.Country) {
		return // "Italian navy", "Kenyan police" (a surname may be a city: "Maria Santos")
	}
	if !looksLikePerson(toks, s, e) {
		return
	}
	src := strings.TrimSpace(textSlice(text, toks, s, e))
	if _, kind, _, ok := d.res.Resolve(src); ok && kind != "person" {
		return
	}
	d.addRecent(Attribution{Source: d.personName(src), SourceText: src, kind: "person"})
}
