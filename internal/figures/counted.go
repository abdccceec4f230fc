package figures

import (
	"strings"

	"github.com/tally-news/tally/internal/geo"
	"github.com/tally-news/tally/internal/tokens"
)

// agentNouns after a nationality make it the doers, not the counted:
// "Israeli forces killed five Palestinians", "U.S. airstrikes".
var agentNouns = map[string]bool{
	"forces": true, "troops": true, "military": true, "army": true, "police": true,
	"jets": true, "warplanes": true, "airstrikes": true, "air": true, "helicopters": true,
	"officials": true, "government": true, "authorities": true, "gunmen": true,
	"tanks": true, "artillery": true, "missiles": true, "strikes": true, "raid": true,
	"raids": true, "assassination": true, "occupation": true, "navy": true, "ministry": true,
	"strike": true, "operation": true, "assault": true, "bombardment": true, "airstrike": true,
	"president": true, "leader": true, "prime": true, "defence": true, "defense": true,
	"intelligence": true, "embassy": true, "war": true, "offensive": true, "attack": true,
	"attacks": true, "spokesman": true, "kills": true, "killed": true, "kill": true,
}

// soldierNouns are the people a military counts as its own: "the army
// said two soldiers were killed" counts the army's country.
var soldierNouns = map[string]bool{
	"soldiers": true, "troops": true, "forces": true, "servicemen": true, "units": true,
	"personnel": true, "marines": true, "fighters": true, "soldier": true, "army": true,
}

// IsSoldier reports whether w heads a noun phrase of soldiers.
func IsSoldier(w string) bool { return soldierNouns[w] }

// Place is a place or nationality found in a sentence, with token indices.
type Place struct {
	geo.Match
	First, Last int // token range
}

// Places finds the places and nationalities among a sentence's tokens.
func Places(text string, toks []tokens.Token) []Place {
	if len(toks) == 0 {
		return nil
	}
	base := toks[0].Start
	ms := geo.Scan(text[base:toks[len(toks)-1].End])
	out := make([]Place, 0, len(ms))
	k := 0
	for _, m := range ms {
		m.Start += base
		m.End += base
		for k < len(toks) && toks[k].End <= m.Start {
			k++
		}
		first := k
		last := first
		for last+1 < len(toks) && toks[last+1].Start < m.End {
			last++
		}
		if first >= len(toks) {
			break
		}
		out = append(out, Place{Match: m, First: first, Last: last})
	}
	return out
}

// Counted returns whose people m counts, and the place where stated:
// the nationality in its noun phrase ("North Korean soldiers"), a place
// the phrase names ("refugees from Sudan"), a place where it happened ("in
// Gaza"), else fallback (the document's dateline or first place).
// explicit is true when the sentence itself says whose people they are
// (the noun phrase, "from X" after it, the sender of troops, the clause's
// own nationality): only then does it override what a reporting military
// implies about its own soldiers.
func Counted(toks []tokens.Token, m Mention, places []Place, fallback string) (counted, location string, explicit bool) {
	location = ""
	for _, p := range places {
		if p.Kind == geo.City || p.Kind == geo.Region {
			if location == "" || p.First > m.Last && location == "" {
				location = p.Text
			}
		}
	}
	end := m.SubjLast
	if end < m.Last {
		end = m.Last
	}
	// Staff or troops of an international body count as the body: "three
	// UN workers", "3,000 African Union troops".
	if body := bodyIn(toks, m.First, end); body != "" {
		return body, location, true
	}
	// In the number phrase or its noun phrase.
	for _, p := range places {
		if p.First >= m.First && p.Last <= end && !flagOf(toks, p) {
			return p.Country, location, true
		}
	}
	// "Chad, among the world's poorest nations, was already hosting
	// 588,000 refugees": refugees are counted by the country that hosts
	// them unless the phrase says where they come from.
	if (m.Measure == "refugees" || m.Measure == "displaced") && !(end+1 < len(toks) && toks[end+1].Is("from", "of")) {
		for k := m.First - 1; k >= 0 && k >= m.First-3; k-- {
			if !toks[k].Is("hosting", "hosts", "host", "hosted", "sheltering", "shelters", "sheltered", "housing", "houses") {
				continue
			}
			for _, p := range places {
				if p.Last < k && p.Kind != geo.Demonym && (p.First == 0 || !toks[p.First-1].Is("in", "to", "from", "into", "of")) {
					return p.Country, location, true
				}
			}
		}
	}
	// "Italy must withdraw its 3,000 troops": "its" is the country just
	// before.
	if m.First > 0 && toks[m.First-1].Is("its", "their") {
		for i := len(places) - 1; i >= 0; i-- {
			p := places[i]
			if p.Last >= m.First || p.Last < m.First-7 || p.Kind == geo.Demonym || p.Kind == geo.City {
				continue
			}
			if p.First > 0 && toks[p.First-1].Is("in", "to", "from", "into", "of") {
				continue
			}
			return p.Country, location, true
		}
	}
	// The sender of troops or weapons, the loser of troops: the subject
	// of the cue verb ("Pyongyang has sent thousands of troops", "Russia
	// had lost 2,030 troops").
	if m.Cue >= 0 && m.Cue < m.First && (m.Measure == "deployed" || m.Measure == "supplied" || m.Measure == "casualties") {
		for _, p := range places {
			if p.Last < m.Cue && p.Last >= m.Cue-4 && !toks[max(p.First-1, 0)].Is("to", "into", "in", "from", "with") {
				ok := true
				for j := p.Last + 1; j < m.Cue; j++ {
					if !toks[j].Is("has", "have", "had", "already", "also", "reportedly", "now", "'s", "is", "was") {
						ok = false
					}
				}
				if ok {
					return p.Country, location, true
				}
			}
		}
	}
	migrants := false
	for j := m.First; j <= end; j++ {
		migrants = migrants || toks[j].Is("migrants", "migrant")
	}
	// "refugees from Sudan", "civilians in Gaza" right after the phrase;
	// migrants are from where they come, not where they are.
	for _, p := range places {
		if p.First == end+2 && toks[end+1].Is("from", "in", "of", "inside") && !(migrants && toks[end+1].Is("in", "inside")) && !flagOf(toks, p) {
			return p.Country, location, toks[end+1].Is("from", "of")
		}
	}
	// Migrants are counted as a group, not by the sea or coast where they
	// died: "400 migrants dying ... south of Malta", "one survivor" among
	// "27 migrants".
	if migrants {
		return "Migrants", location, true
	}
	if m.Measure == "killed" || m.Measure == "missing" || m.Measure == "evacuated" {
		for _, t := range toks {
			if t.Is("migrants", "migrant") {
				return "Migrants", location, false
			}
		}
	}

	// The sender in a relative clause: "soldiers that Pyongyang sent",
	// "troops Moscow has deployed", "soldiers sent by Pyongyang".
	if c, ok := senderAfter(toks, end, places); ok {
		return c, location, true
	}
	// "North Korea's December losses ... had topped 3,000", "the U.S.
	// military death toll tops 1,000": the country owning the losses,
	// deaths or casualties the figure measures.
	if m.Cue >= 0 && m.Cue < m.First && toks[m.Cue].Is("losses", "casualties", "deaths", "toll", "dead") {
		for _, p := range places {
			if p.Last < m.Cue && p.Last >= m.Cue-3 && p.Kind != geo.City && !(p.First > 0 && toks[p.First-1].Is("in", "of", "from", "to")) {
				return p.Country, location, true
			}
		}
	}
	// A count named by its measure ("suffered around 1,100 casualties")
	// counts the people of the clause's subject: the first nationality
	// before it that is not an opponent ("in combat with Ukrainian
	// forces").
	if m.SubjFirst <= m.SubjLast && measureNouns[toks[m.SubjLast].Lower] != "" || m.SubjFirst > m.SubjLast {
		for _, p := range places {
			if p.First >= m.First {
				break
			}
			if p.First > 0 && toks[p.First-1].Is("with", "against", "by", "from", "at", "on", "into", "fighting") {
				continue
			}
			// "North Korean troops", "Russia's forces", "Moscow's troops".
			next := p.Last + 1
			if p.Kind != geo.Demonym {
				switch {
				case strings.HasSuffix(toks[p.Last].Lower, "'s") || strings.HasSuffix(toks[p.Last].Lower, "’s"):
				case next < len(toks) && toks[next].Is("'s", "’s"):
					next++
				default:
					continue
				}
			}
			if next < len(toks) && soldierNouns[toks[next].Lower] && !attackBetween(toks, next, m.First) {
				return p.Country, location, true
			}
		}
	}
	// A place where it happened, nearest to the figure.
	best, bestDist := "", 1<<30
	for _, p := range places {
		if p.First == 0 || p.Kind == geo.Demonym {
			continue
		}
		// "in northern China", "off the southern coast of": compass words
		// between the preposition and the place.
		before := p.First - 1
		for before > 0 && (compass[toks[before].Lower] || toks[before].Is("the", "war-torn", "restive", "remote", "troubled")) {
			before--
		}
		if !toks[before].Is("in", "near", "at", "outside", "across", "inside", "off", "on", "into", "from", "to", "of") && !(p.Kind != geo.Country && p.Last+1 < len(toks) && !agentNouns[toks[p.Last+1].Lower]) {
			continue
		}
		// "80 Killed in U.S. Offensive in Iraq": the place names the
		// doer's action, not where it happened.
		if p.Last+1 < len(toks) && agentNouns[toks[p.Last+1].Lower] && !toks[p.Last+1].Is("kills", "killed", "kill") {
			continue
		}
		d := p.First - m.Last
		if d < 0 {
			d = -d
		}
		if d < bestDist {
			best, bestDist = p.Country, d
		}
	}
	if best != "" {
		return best, location, false
	}
	// Any nationality or place that is not the doer, nor the flag of a
	// firm or ship ("employees of a British security firm" in Baghdad are
	// counted by the place).
	for _, p := range places {
		if flagOf(toks, p) {
			continue
		}
		if p.Last+1 < len(toks) && agentNouns[toks[p.Last+1].Lower] {
			continue
		}
		if p.Last+1 < len(toks) && (toks[p.Last+1].Lower == "'s" || toks[p.Last+1].Text == "'") {
			continue
		}
		return p.Country, location, false
	}
	return fallback, location, false
}

// DefaultPlace is the place a document is about, for figures whose
// sentence names none: its dateline ("BAGHDAD (Reuters) -") or the first
// place that is not a doer.
func DefaultPlace(text string, toks []tokens.Token) string {
	places := Places(text, toks)
	for i, p := range places {
		if p.Kind == geo.Demonym {
			continue
		}
		if p.Last+1 < len(toks) && agentNouns[toks[p.Last+1].Lower] && !toks[p.Last+1].Is("kills", "killed", "kill") {
			continue
		}
		// A dateline is where the story was filed: the bureau, when the
		// lead says where it happened ("WASHINGTON (dpa) - June saw the
		// most civilian casualties in Ukraine", "DHAKA: ... sit-ins in
		// Hong Kong").
		if p.First == 0 && allCapsToken(toks[0]) {
			for _, q := range places[i+1:] {
				if q.Kind != geo.Demonym && q.Country != p.Country && q.First > 0 && toks[q.First-1].Is("in", "across", "inside", "near") {
					return q.Country
				}
			}
		}
		return p.Country
	}
	for _, p := range places {
		if p.Last+1 < len(toks) && agentNouns[toks[p.Last+1].Lower] || flagOf(toks, p) {
			continue
		}
		return p.Country
	}
	return ""
}

// NamesNationality reports whether a place or nationality stands inside
// m's number and noun phrase.
func NamesNationality(places []Place, m Mention) bool {
	end := max(m.SubjLast, m.Last)
	for _, p := range places {
		if p.First >= m.First && p.Last <= end {
			return true
		}
	}
	return false
}

// senderAfter finds the sender named right after a noun phrase ending at
// token end: "that Pyongyang sent", "Moscow has deployed", "sent by
// Pyongyang".
func senderAfter(toks []tokens.Token, end int, places []Place) (string, bool) {
	i := end + 1
	if i < len(toks) && toks[i].Is("that", "which", "whom") {
		i++
	}
	for _, p := range places {
		switch {
		case p.First == i && p.Kind != geo.Demonym:
			j := p.Last + 1
			for j < len(toks) && toks[j].Is("has", "have", "had", "already", "reportedly", "is", "was") {
				j++
			}
			if j < len(toks) && senderVerbs[toks[j].Lower] {
				return p.Country, true
			}
		case p.First == end+3 && senderVerbs[toks[end+1].Lower] && toks[end+2].Lower == "by":
			return p.Country, true
		}
	}
	return "", false
}

// senderVerbs send troops or weapons.
var senderVerbs = map[string]bool{"sent": true, "deployed": true, "dispatched": true, "supplied": true, "provided": true, "stationed": true, "sends": true, "deploys": true}

// attackBetween reports an attack verb between tokens a and b: "Russian
// troops struck Kyiv overnight, leaving two dead": the troops are the
// attackers, not the dead.
func attackBetween(toks []tokens.Token, a, b int) bool {
	for j := a + 1; j < b && j < len(toks); j++ {
		if attackVerbs[toks[j].Lower] {
			return true
		}
	}
	return false
}

var attackVerbs = map[string]bool{
	"struck": true, "strike": true, "strikes": true, "attacked": true, "attack": true, "attacks": true,
	"fired": true, "shelled": true, "bombed": true, "launched": true, "hit": true, "raided": true,
	"stormed": true, "targeted": true, "pounded": true, "ambushed": true, "opened": true,
}

// bodyIn finds an international body named inside tokens [a, b] of a
// counted noun phrase ("UN staff", "U.N. peacekeepers", "African Union
// troops", "NATO soldiers").
func bodyIn(toks []tokens.Token, a, b int) string {
	for j := a; j <= b && j < len(toks); j++ {
		switch t := toks[j]; {
		case t.Text == "UN" || t.Text == "UN's" || t.Text == "U.N." || t.Text == "U.N.'s":
			return "United Nations"
		case t.Lower == "united" && j+1 <= b && toks[j+1].Lower == "nations":
			return "United Nations"
		case t.Text == "AU" || t.Lower == "african" && j+1 <= b && toks[j+1].Lower == "union":
			return "African Union"
		case t.Text == "NATO" || t.Text == "Nato":
			return "NATO"
		}
	}
	return ""
}

// flagOf reports whether a nationality names a firm's or a ship's flag
// rather than people: "a British security firm", "a South Korean ship".
func flagOf(toks []tokens.Token, p Place) bool {
	for j := p.Last + 1; j < len(toks) && j <= p.Last+3; j++ {
		if toks[j].Is("firm", "firms", "company", "companies", "ship", "ships", "vessel", "tanker", "freighter", "trawler",
			"airline", "airliner", "contractor", "corporation", "conglomerate", "bank", "embassy", "consulate") {
			return true
		}
		if toks[j].Kind != tokens.Word {
			return false
		}
	}
	return false
}

// allCapsToken reports a word written in capitals, as datelines are.
func allCapsToken(t tokens.Token) bool {
	return t.Kind == tokens.Word && len(t.Text) > 1 && strings.ToUpper(t.Text) == t.Text
}

// compass words stand between a preposition and a place: "in northern
// China".
var compass = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "northeastern": true, "northwestern": true,
	"southeastern": true, "southwestern": true, "north-east": true, "north-west": true,
	"south-east": true, "south-west": true, "northeast": true, "northwest": true, "southeast": true,
	"southwest": true, "downtown": true,
}
