package figures

import (
	"strings"

	"github.com/tally-news/tally/internal/numbers"
	"github.com/tally-news/tally/internal/tokens"
)

// npStop ends a counted noun phrase: function words, verbs and adverbs.
var npStop = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "of": true,
	"from": true, "to": true, "by": true, "with": true, "for": true, "near": true,
	"after": true, "during": true, "since": true, "into": true, "across": true,
	"including": true, "among": true, "and": true, "or": true, "but": true, "as": true,
	"who": true, "that": true, "which": true, "whom": true, "whose": true, "when": true,
	"while": true, "where": true, "than": true, "this": true, "these": true, "those": true,
	"it": true, "they": true, "he": true, "she": true, "we": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "said": true, "say": true, "says": true,
	"according": true, "told": true, "reported": true, "over": true, "under": true,
	"between": true, "about": true, "around": true, "inside": true, "outside": true,
	"along": true, "alongside": true, "against": true, "before": true, "following": true,
	"amid": true, "despite": true, "without": true, "within": true, "toward": true,
	"towards": true, "out": true, "off": true, "up": true, "down": true, "there": true,
	"here": true, "not": true, "no": true, "so": true, "if": true, "because": true,
	"more": true, "less": true, "fewer": true, "last": true, "per": true,
	"each": true, "every": true, "yesterday": true, "today": true, "tonight": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "fighting": true, "trying": true, "seeking": true,
	"left": true, "leaving": true, "remain": true, "remained": true, "remains": true,
	"arrive": true, "arrived": true, "arriving": true, "arrives": true, "return": true,
	"returned": true, "back": true, "now": true, "then": true, "also": true, "too": true,
	"forced": true, "driven": true, "living": true, "trapped": true, "pulled": true,
	"rescued": true, "held": true, "taken": true, "believed": true, "feared": true,
}

// nounPhrase returns the token range of the counted noun phrase after p:
// "more than 1,000 [North Korean soldiers] have been killed",
// "thousands of [troops]", "18,484 [wounded citizens]".
func nounPhrase(toks []tokens.Token, p numbers.Phrase) (int, int) {
	j := p.Last + 1
	// A quote closing the number: "at least 10,000" North Korean troops.
	if j < len(toks) && isQuote(toks[j].Text) {
		j++
	}
	if j < len(toks) && toks[j].Lower == "of" {
		if !p.HasValue {
			j++ // "thousands of troops"
		} else if j+1 < len(toks) && !toks[j+1].Is("them", "whom", "those", "these", "which", "it") {
			// "1,000 of North Korea's troops", "4,000 of their people",
			// "five of Sudan's 18 states"
			j++
			for j < len(toks) && (toks[j].Is("the", "their", "his", "her", "its", "our", "these", "those") || strings.HasSuffix(toks[j].Lower, "'s") || toks[j].Kind == tokens.Num) {
				j++
			}
		}
	}
	first := j
	n := 0
	for j < len(toks) && n < 6 {
		t := toks[j]
		switch t.Kind {
		case tokens.Num:
			if len(t.Text) > 0 && t.Lower[len(t.Lower)-1] >= 'a' { // "152mm shells"
				j++
				n++
				continue
			}
		case tokens.Punct:
			// Inner hyphen: "al-Qaeda", "pro-Russian".
			if t.Text == "-" && !t.SpaceBefore && j+1 < len(toks) && !toks[j+1].SpaceBefore && j > first {
				j++
				continue
			}
		case tokens.Word:
			if npStop[t.Lower] || auxiliaries[t.Lower] || modals[t.Lower] {
				break
			}
			// "people abandoned their homes", "families reached the
			// border": a past tense with its object ends the phrase.
			if j > first && (displacement(toks, j) || strings.HasSuffix(t.Lower, "ed") && j+1 < len(toks) && toks[j+1].Is("their", "the", "his", "her", "its", "a", "an")) {
				break
			}
			if _, ok := measureVerbs[t.Lower]; ok {
				// A participle right after the number is the measure
				// itself ("46 Killed, 270 Injured"), taken as the phrase
				// only when a noun follows ("18,484 wounded citizens").
				if _, noun := measureNouns[t.Lower]; !(noun && j == first && j+1 < len(toks) && toks[j+1].Kind == tokens.Word && !npStop[toks[j+1].Lower] && !auxiliaries[toks[j+1].Lower]) {
					break
				}
			}
			if reportingVerb(t.Lower) || t.Is("overnight", "reports", "cases") && j > first && j+1 < len(toks) && toks[j+1].Lower == "of" {
				if t.Is("reports", "cases") {
					// "1,650 reports of people missing"
					j += 2
					first = j
					continue
				}
				break
			}
			j++
			n++
			continue
		}
		break
	}
	return first, j - 1
}

func isQuote(s string) bool {
	switch s {
	case "\"", "“", "”", "'", "‘", "’":
		return true
	}
	return false
}

// reportingVerb reports whether w introduces a source; it ends a noun
// phrase and a predicate.
func reportingVerb(w string) bool {
	switch w {
	case "said", "says", "say", "told", "according", "reported", "reports", "claimed",
		"claims", "estimated", "estimates", "announced", "stated", "added", "confirmed":
		return true
	}
	return false
}

// tier orders measures by how much they say about the people counted: an
// event ("were killed") outranks a status noun ("hostages", "refugees"),
// which outranks a movement ("fled", "sent").
func tier(m string) int {
	switch m {
	case "killed", "wounded", "casualties":
		return 3
	case "captured", "missing", "arrested":
		return 2
	case "evacuated", "displaced", "refugees":
		return 1
	}
	return 0
}

// measure decides what the mention counts; see the package doc for the
// order of the rules. later are the number phrases after m in the
// sentence: a predicate search stops at the next figure.
func measure(toks []tokens.Token, m *Mention, later []numbers.Phrase) (string, int) {
	stop := len(toks)
	if len(later) > 0 {
		stop = later[0].First
		// "At least eleven people, including two US citizens, were
		// killed", "nine people - seven of them children - have died":
		// a number inside an aside after the noun phrase does not end
		// the search for the predicate.
		if end, ok := asideEnd(toks, max(m.Last, m.SubjLast)+1); ok && later[0].First < end {
			stop = len(toks)
			for _, p := range later {
				if p.First > end {
					stop = p.First
					break
				}
			}
		}
	}
	hasNP := m.SubjFirst <= m.SubjLast
	head := -1
	if hasNP {
		head = m.SubjLast
		if nonPersonNouns[toks[head].Lower] {
			return "", -1
		}
	}

	// Weapons and munitions: "three million 152mm artillery shells",
	// supplied when a delivery verb stands in the sentence.
	if hasNP && supplyNouns[toks[m.SubjFirst].Lower] && !supplyNouns[toks[head].Lower] {
		head = m.SubjFirst // "six grenades strapped to his body"
	}
	if hasNP && supplyNouns[toks[head].Lower] || hasNP && head+2 < len(toks) && toks[head+1].Lower == "of" && supplyNouns[toks[head+2].Lower] {
		for k := range toks {
			if supplyVerbs[toks[k].Lower] {
				return "supplied", k
			}
		}
		if m.supplyContext {
			return "supplied", -1
		}
		return "", -1
	}

	// The noun names the measure: "1,100 casualties", "18,484 wounded".
	noun, nounCue := "", -1
	if hasNP {
		for k := m.SubjFirst; k <= m.SubjLast; k++ {
			w := toks[k].Lower
			if mm, ok := measureNounAt(toks, k); ok {
				if w == "lives" && !near(toks, k, 3, "lost", "losing", "lose", "claimed", "claiming", "claim", "claims") {
					continue
				}
				noun, nounCue = mm, k
			}
		}
	} else if k := m.Last + 1; k < len(toks) {
		// "46 Killed, 270 Injured", "One Dead", "1,650 missing".
		if mm, ok := measureNounAt(toks, k); ok {
			if !agent(toks, k) {
				noun, nounCue = mm, k
			}
		}
	}
	if noun != "" && tier(noun) == 3 {
		if noun == "killed" || noun == "wounded" {
			if k := orWounded(toks, nounCue); k > 0 {
				return "casualties", nounCue
			}
		}
		return noun, nounCue
	}

	best, bestCue := "", -1
	consider := func(mm string, cue int) {
		if mm != "" && (best == "" || tier(mm) > tier(best)) {
			best, bestCue = mm, cue
		}
	}
	if mm, cue := verbBefore(toks, m, hasNP, head); mm != "" {
		consider(mm, cue)
		if tier(mm) == 3 {
			return best, bestCue
		}
	}
	if mm, cue := nounOf(toks, m); mm != "" {
		consider(mm, cue)
	}
	if best == "" || tier(best) < 3 {
		if mm, cue := predicate(toks, m, stop); mm != "" {
			if best == "" || tier(mm) > tier(best) {
				best, bestCue = mm, cue
			}
		}
	}
	if noun != "" && (best == "" || tier(noun) >= tier(best)) {
		return noun, nounCue
	}
	return best, bestCue
}

// near reports whether one of words stands within d tokens of k.
func near(toks []tokens.Token, k, d int, words ...string) bool {
	for j := max(0, k-d); j < len(toks) && j <= k+d; j++ {
		if j != k && toks[j].Is(words...) {
			return true
		}
	}
	return false
}

// orWounded returns the index of "wounded" in "killed or wounded", "dead
// or injured", "killed and wounded", or -1.
func orWounded(toks []tokens.Token, k int) int {
	if k+2 < len(toks) && toks[k+1].Is("or", "and", "/") {
		a, b := measureNouns[toks[k].Lower], measureVerbs[toks[k+2].Lower]
		if b == "" {
			b = measureNouns[toks[k+2].Lower]
		}
		if a == "killed" && b == "wounded" || a == "wounded" && b == "killed" {
			return k + 2
		}
	}
	return -1
}

// agent reports whether the measure verb at k is active with an object
// after it ("Five gunmen killed two policemen"), making the counted noun
// phrase the doers, not the victims.
func agent(toks []tokens.Token, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	switch toks[k].Lower {
	case "died", "dies", "die", "dying", "perished", "drowned", "fled", "flee", "fleeing",
		"dead", "missing", "disappeared", "vanished", "wounded", "injured", "hurt":
		if toks[k].Lower == "wounded" || toks[k].Lower == "injured" || toks[k].Lower == "hurt" {
			break
		}
		return false
	}
	n := toks[k+1]
	if n.Kind == tokens.Num {
		return true
	}
	switch n.Lower {
	case "the", "a", "an", "his", "her", "their", "its", "at", "two", "three", "four", "five",
		"six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "scores",
		"several", "more", "least", "about", "around", "nearly", "some", "many", "people",
		"civilians", "soldiers", "troops", "police", "policemen", "them", "him", "us":
		return !(n.Lower == "at" && !(k+2 < len(toks) && toks[k+2].Lower == "least"))
	}
	return false
}

// verbBefore reads a measure verb right before the number: "killing 12",
// "U.S. forces killed more than 50 militiamen", "freed 3 Indians",
// "Pyongyang has sent thousands of troops".
func verbBefore(toks []tokens.Token, m *Mention, hasNP bool, head int) (string, int) {
	k := m.First - 1
	// "killed a total of 12", "kills another 5"
	for k >= 0 && toks[k].Is("another", "a", "total", "of", "further", "additional", "all", "the", "reportedly", "reported", "also", "only", "just", "some") && m.First-k <= 4 {
		k--
	}
	if k < 0 {
		return "", -1
	}
	w := toks[k].Lower
	// "a helicopter which disappeared with four crew members on board"
	if w == "with" && k > 0 && toks[k-1].Is("disappeared", "vanished") {
		return "missing", k - 1
	}
	// "Militants holding hostage three UN workers", "took captive 12".
	if toks[k].Is("hostage", "hostages", "captive", "captives") && k > 0 && toks[k-1].Is("holding", "held", "hold", "holds", "taken", "took", "take", "taking") {
		return "captured", k
	}
	if mm, ok := measureVerbs[w]; ok {
		if blockedByModal(toks, k) || deployOnly[w] && !(hasNP && deployNouns[toks[head].Lower]) || w == "custody" {
			return "", -1
		}
		if mm == "casualties" && hasNP && !deployNouns[toks[head].Lower] && !personish(toks[head].Lower) {
			return "", -1 // "lost 3 seats"
		}
		if k+1 < len(toks) && orWounded(toks, k) > 0 {
			return "casualties", k
		}
		switch mm {
		case "deployed":
			if hasNP && !deployNouns[toks[head].Lower] && !personish(toks[head].Lower) {
				return "", -1
			}
		case "missing":
			return "", -1
		}
		return mm, k
	}
	if releaseVerbs[w] {
		if blockedByModal(toks, k) && !toks[k-1].Is("to") {
			return "", -1
		}
		if toks[k].Is("holding", "held", "hold", "holds") && hasNP && measureNouns[toks[head].Lower] != "captured" {
			return "", -1 // "a boat holding up to 800 people"
		}
		if w == "returned" && !hasNP {
			return "", -1
		}
		return "captured", k
	}
	// "shot dead six people", "gunned down 12"
	if toks[k].Is("dead", "down") && k >= 1 && toks[k-1].Is("shot", "gunned", "beat", "beaten", "stabbed", "hacked", "mowed", "cut") {
		return "killed", k
	}
	// "claimed 25 lives", "left 46 dead" are read through the noun.
	// "has about 50,000 troops in Kursk"
	if toks[k].Is("has", "have", "had", "keeps", "maintains") && hasNP && deployNouns[toks[head].Lower] && head+1 < len(toks) && toks[head+1].Is("in", "inside", "on", "along", "near", "stationed", "deployed", "there") {
		return "deployed", k
	}
	return "", -1
}

// personish accepts the usual heads of counted people that are not in
// deployNouns.
func personish(w string) bool {
	switch w {
	case "people", "men", "women", "children", "civilians", "others", "persons", "residents":
		return true
	}
	return false
}

// blockedByModal reports whether the verb at k is a forecast or threat:
// "could flee", "threatened to kill", "plans to deploy".
func blockedByModal(toks []tokens.Token, k int) bool {
	j := k - 1
	for j >= 0 && toks[j].Is("be", "have", "been", "also", "soon", "eventually", "still", "not", "further") {
		j--
	}
	if j < 0 {
		return false
	}
	if toks[j].Lower == "to" {
		// "have had to abandon their homes", "were forced to flee": done.
		if j >= 1 && toks[j-1].Is("had", "has", "have", "forced", "compelled", "obliged") {
			return false
		}
		// "are reported to have been killed", "believed to be dead",
		// "claimed to have killed around 100".
		if j >= 1 && toks[j-1].Is("reported", "said", "believed", "feared", "thought", "known", "understood", "presumed", "confirmed", "claimed", "claims", "claim", "claiming") {
			return false
		}
		// "sentenced to death" is not a forecast but neither a death.
		return true
	}
	return modals[toks[j].Lower] && toks[j].Lower != "to"
}

// ofNouns name a measure for the number after "of": "the deaths of 12
// Nepalese hostages", "a death toll of 3,145", "the kidnappers of seven
// employees", "the release of 9,000 prisoners".
var ofNouns = map[string]string{
	"deaths": "killed", "death": "killed", "killing": "killed", "killings": "killed",
	"murder": "killed", "murders": "killed", "execution": "killed", "executions": "killed",
	"massacre": "killed", "bodies": "killed", "remains": "killed", "toll": "killed",
	"beheading": "killed", "slaying": "killed", "slayings": "killed", "corpses": "killed",
	"injury": "wounded", "injuries": "wounded", "wounding": "wounded",
	"release": "captured", "freeing": "captured", "kidnapping": "captured", "kidnappers": "captured",
	"abduction": "captured", "abductors": "captured", "captors": "captured", "capture": "captured",
	"kidnappings": "captured", "abductions": "captured", "seizure": "captured",
	"arrest": "arrested", "arrests": "arrested", "detention": "arrested",
	"evacuation": "evacuated", "deployment": "deployed", "dispatch": "deployed",
	"withdrawal": "deployed", "displacement": "displaced", "disappearance": "missing",
}

// bound reports a destination after the verb at k: "for Darfur",
// "toward Baghdad", "heading north" — troops going somewhere, not leaving
// the fight.
func bound(toks []tokens.Token, k int) bool {
	for j := k + 1; j < len(toks) && j <= k+10; j++ {
		if toks[j].Is("for", "toward", "towards", "heading", "headed", "bound") || toks[j].Lower == "to" && j+1 < len(toks) && toks[j+1].IsCap() {
			return true
		}
	}
	return false
}

// asideEnd finds the end of an aside that opens at token k: ", including
// two US citizens,", " - seven of them children -", ", most of them
// women,". It returns the index of the closing comma or dash.
func asideEnd(toks []tokens.Token, k int) (int, bool) {
	if k+1 >= len(toks) {
		return 0, false
	}
	open := toks[k].Text
	dash := open == "-" || open == "—" || open == "–"
	if open != "," && !(dash && toks[k].SpaceBefore) {
		return 0, false
	}
	// A comma aside must say it is one: "including", "among them", "most
	// of them", "N of them"; a spaced dash is one by itself.
	if !dash {
		w := toks[k+1]
		if !w.Is("including", "among", "mostly", "most", "many", "some", "all", "both", "half") && !(k+3 < len(toks) && toks[k+2].Lower == "of" && toks[k+3].Is("them", "whom")) {
			return 0, false
		}
	}
	for j := k + 1; j < len(toks) && j <= k+14; j++ {
		t := toks[j]
		if t.Text == "." || t.Text == ";" {
			return 0, false
		}
		if dash && (t.Text == "-" || t.Text == "—" || t.Text == "–") && t.SpaceBefore || !dash && t.Text == "," {
			return j, true
		}
	}
	return 0, false
}

// nounOf reads "the deaths of 12" and "the death toll rose to 62".
func nounOf(toks []tokens.Token, m *Mention) (string, int) {
	k := m.First - 1
	// Headline style: "Death Toll 69 in Japan Typhoon", "death toll over
	// 600", "Toll Tops 1,000".
	if k >= 0 && toks[k].Is("toll", "tolls") {
		return tollMeasure(toks, k), k
	}
	if k >= 1 && toks[k].Is("tops", "nears", "passes", "hits", "rises", "climbs", "reaches", "exceeds") && toks[k-1].Is("toll", "tolls") {
		return tollMeasure(toks, k-1), k - 1
	}
	if k >= 2 && toks[k].Lower == "of" && toks[k-1].Lower == "lives" {
		j := k - 2
		if toks[j].Lower == "the" && j > 0 {
			j--
		}
		if toks[j].Is("claimed", "claiming", "claim", "claims", "cost", "costing", "took", "taking", "taken", "lost") {
			return "killed", k - 1
		}
		return "", -1
	}
	if k >= 1 && toks[k].Lower == "of" {
		if mm, ok := ofNouns[toks[k-1].Lower]; ok {
			if toks[k-1].Lower == "toll" {
				return tollMeasure(toks, k-1), k - 1
			}
			return mm, k - 1
		}
	}
	// "the death toll rose to 62", "the toll ... stood at 3,145", "taking
	// the toll to 62", "the number of dead reached 100".
	if k >= 0 && (toks[k].Is("to", "at", "reached", "hit", "was", "is", "stood", "stands", "of", "passed", "neared", "topped", "surpassed", "exceeded", "rose", "climbed", "jumped", "risen", "reach", "now", "past") ||
		toks[m.First].Is("topped", "passed", "exceeded", "surpassed", "tops", "exceeding")) {
		// "North Korea's December losses ..., dead and wounded combined,
		// had topped 3,000"; "forced displacement ... had passed 120
		// million": the subject may stand across an aside.
		if toks[k].Is("topped", "passed", "past", "reached", "exceeded", "surpassed", "neared", "hit") || toks[m.First].Is("topped", "passed", "exceeded", "surpassed", "tops", "exceeding") {
			for j := k - 1; j >= 0 && j >= k-20; j-- {
				t := toks[j]
				if t.Text == "." || t.Text == ";" || t.Kind == tokens.Num {
					break
				}
				if t.Is("losses", "displacement") && !(j+1 < len(toks) && toks[j+1].Lower == "of") {
					if t.Lower == "losses" {
						return "casualties", j
					}
					return "displaced", j
				}
			}
		}
		for j := k - 1; j >= 0 && j >= k-20; j-- {
			t := toks[j]
			if t.Kind == tokens.Punct && (t.Text == "." || t.Text == ";" || t.Text == ",") || t.Kind == tokens.Num {
				break
			}
			if t.Lower == "toll" || t.Lower == "tolls" {
				return tollMeasure(toks, j), j
			}
			if t.Is("number", "total", "count") && j+2 < len(toks) && toks[j+1].Lower == "of" {
				// "the number of people killed by the quake has climbed to",
				// "the count of troops killed or wounded ... has gone past".
				troops := -1
				for n := j + 2; n < k && n <= j+7; n++ {
					w := toks[n].Lower
					mm, ok := measureNouns[w]
					if !ok {
						if mv, isVerb := measureVerbs[w]; isVerb && tier(mv) >= 2 {
							mm, ok = mv, true
						}
					}
					if ok {
						if (mm == "killed" || mm == "wounded") && orWounded(toks, n) > 0 {
							return "casualties", n
						}
						return mm, n
					}
					if deployNouns[w] && troops < 0 {
						troops = n
					}
				}
				if troops >= 0 {
					return "deployed", troops
				}
			}
		}
	}
	return "", -1
}

// tollMeasure reads the kind of toll at k: "death toll", "casualty toll",
// "injury toll"; a bare "toll" in news is a death toll.
func tollMeasure(toks []tokens.Token, k int) string {
	if k > 0 {
		switch toks[k-1].Lower {
		case "casualty":
			return "casualties"
		case "injury":
			return "wounded"
		}
	}
	return "killed"
}

// predicate reads the verb after the counted noun phrase: "300 North Korean
// soldiers sent to Kursk have died", "One policeman was killed and three
// others were wounded", "Three Indian truck drivers held hostage".
func predicate(toks []tokens.Token, m *Mention, stop int) (string, int) {
	k := max(m.SubjLast, m.Last) + 1
	troops := m.SubjFirst <= m.SubjLast && deployNouns[toks[m.SubjLast].Lower]
	// An aside between commas right after the noun phrase: "more than
	// 57,500 Palestinians, most of them women and children, have died".
	if k < stop && toks[k].Text == "," {
		for j := k + 1; j < stop && j < k+14; j++ {
			if toks[j].Text == "," {
				k = j + 1
				break
			}
			if toks[j].Kind == tokens.Num || toks[j].Text == "." {
				break
			}
		}
	}
	if end, ok := asideEnd(toks, k); ok && end < stop {
		k = end + 1
	}
	first, firstK := "", -1
	aux := false
	content := 0
	// Words before the verb: a few, or a few more after "of" ("Four
	// employees of British security firm slain").
	limit := 3
	if k < len(toks) && toks[k].Lower == "of" {
		limit = 6
	}
	for ; k < stop && k < len(toks); k++ {
		t := toks[k]
		if t.Kind == tokens.Punct {
			if t.Text == "." || t.Text == ";" || t.Text == ":" || t.Text == "?" || t.Text == "!" {
				break
			}
			continue
		}
		if t.Kind == tokens.Num {
			break
		}
		w := t.Lower
		if auxiliaries[w] {
			if t.Is("was", "were", "is", "are", "been", "be", "being", "got", "get", "gets") {
				aux = true
			}
			continue
		}
		// "78 Muslim men who officials said suffocated": a reporting
		// clause inside the relative clause.
		if t.Is("who", "that") && k+3 < len(toks) && reportingVerb(toks[k+2].Lower) && toks[k+1].Kind == tokens.Word {
			k += 2
			content = 0
			continue
		}
		// Troops on the move: "800 British forces left their base heading
		// north", "50 Nigerian soldiers left Nigeria for Darfur".
		if troops && t.Is("left", "leaving", "headed", "heading", "departed") && first == "" && bound(toks, k) {
			return "deployed", k
		}
		// "with at least 135 losing their lives"
		if t.Is("losing", "lost", "lose") && k+2 < len(toks) && toks[k+1].Is("their", "his", "her") && toks[k+2].Lower == "lives" {
			return "killed", k
		}
		mm, isVerb := measureVerbs[w]
		if isVerb && deployOnly[w] && !troops {
			isVerb = false
		}
		// "the candidates are in a dead heat": no one died.
		if w == "dead" && k+1 < len(toks) && toks[k+1].Is("heat", "end", "last", "set", "serious", "wrong", "center", "centre") {
			break
		}
		if !isVerb {
			if n, ok := measureNouns[w]; ok && (w == "dead" || w == "missing" || w == "hostage" || w == "prisoner" || w == "homeless" || w == "displaced" || w == "wounded" || w == "injured" || w == "hurt") {
				mm, isVerb = n, true
			} else if displacement(toks, k) {
				mm, isVerb = "displaced", true
				aux = true // "left the city" has an object but no agent
			}
		}
		if isVerb {
			if blockedByModal(toks, k) {
				return "", -1
			}
			if !aux && agent(toks, k) {
				return "", -1
			}
			if orWounded(toks, k) > 0 {
				mm = "casualties"
			}
			if aux || first == "deployed" && mm != "deployed" {
				return mm, k
			}
			if first == "" {
				first, firstK = mm, k
			}
			if mm != "deployed" {
				return mm, k
			}
			continue
		}
		// "sweeping at least four people to their deaths"
		if t.Is("deaths", "death") && k >= 2 && toks[k-1].Is("their", "his", "her") && toks[k-2].Lower == "to" {
			return "killed", k
		}
		if w == "death" && k >= 2 && toks[k-1].Lower == "to" && !sentenced(toks, k) {
			// "gored to death", "beaten to death"
			return "killed", k
		}
		if releaseVerbs[w] && (w == "held" || w == "freed" || w == "released") && first == "" {
			// "two French journalists held in Iraq", "prisoners freed"
			return "captured", k
		}
		// "are reported to have been killed", "were feared to be dead":
		// the report hedges the predicate, it does not end it.
		if (reportingVerb(w) || t.Is("believed", "feared", "thought", "known", "understood", "presumed")) && k+2 < len(toks) && toks[k+1].Lower == "to" && toks[k+2].Is("have", "be", "been") {
			aux = true
			k++
			continue
		}
		if reportingVerb(w) && first == "" || w == "and" && first == "" && content > 0 {
			break
		}
		content++
		// A relative clause after a deployment ("soldiers that Pyongyang
		// sent to back Russia in its war ... have been killed") may run
		// long before the main verb.
		if first == "" && content > limit || content > 10 {
			break
		}
	}
	if first != "" {
		return first, firstK
	}
	return "", -1
}

// sentenced reports whether "to death" at k is a sentence passed, not a
// death: "The court sentenced three men to death".
func sentenced(toks []tokens.Token, k int) bool {
	for j := k - 2; j >= 0 && j >= k-8; j-- {
		if toks[j].Is("sentenced", "condemned", "sentencing", "sentences", "sentence") {
			return true
		}
	}
	return false
}

// displacement reads "forced from their homes", "driven from", "driven
// out", "abandon their homes", "left the city" at k.
func displacement(toks []tokens.Token, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	switch toks[k].Lower {
	case "forced", "driven", "forcing", "force", "chased", "pushed":
		return toks[k+1].Is("from", "out", "to") && !(toks[k+1].Lower == "to" && !(k+2 < len(toks) && toks[k+2].Is("flee", "leave", "abandon")))
	case "abandon", "abandoned", "left", "leave", "leaving", "fled", "quit":
		n := k + 1
		if toks[n].Is("their", "the", "his", "her") && n+1 < len(toks) {
			n++
		}
		return toks[n].Is("homes", "home", "city", "town", "area", "region", "villages", "village", "houses", "country")
	}
	return false
}

// subset gives a number that names part of, or continues, an earlier
// figure that figure's measure: "killing 25 people, including five
// children", "two of them", "Among the dead are some 2,913 children, along
// with 1,709 women", "... and of 50 more", "the total now stands at more
// than half a million", "gone beyond the 100,000 mark".
func subset(toks []tokens.Token, m *Mention, prev []Mention, lastMeasure string) (string, int) {
	k := m.First - 1
	// "Among the dead are ...": the measure heads the sentence.
	for j := 0; j+2 < m.First && j < 3; j++ {
		if toks[j].Lower == "among" && toks[j+1].Is("the", "those") {
			if mm, ok := measureNounAt(toks, j+2); ok {
				return mm, j + 2
			}
		}
	}
	if len(prev) > 0 {
		last := prev[len(prev)-1]
		if k >= 0 && toks[k].Is("including", "includes", "include", "among") ||
			k >= 1 && toks[k].Is("them", "whom") && toks[k-1].Is("among", "of") ||
			m.Last+2 < len(toks) && toks[m.Last+1].Lower == "of" && toks[m.Last+2].Is("them", "whom", "those") ||
			k >= 0 && toks[k].Text == "(" {
			return last.Measure, last.Cue
		}
		// Coordination: "1,709 women and 397 older people", "and of 50 more".
		// "400 migrants dying when a boat overturned ..., and of 50 more
		// on 17th April": "N more" after "and" continues the last figure.
		if m.Last+1 < len(toks) && toks[m.Last+1].Is("more", "others") && k >= 0 && (toks[k].Is("and", ",") || k >= 1 && toks[k].Lower == "of" && toks[k-1].Is("and", ",")) {
			return last.Measure, last.Cue
		}
		lastEnd := max(last.Last, last.SubjLast)
		if gap := m.First - lastEnd - 1; gap >= 1 && gap <= 4 {
			joined := false
			for j := lastEnd + 1; j < m.First; j++ {
				t := toks[j]
				if t.Is("and", "along", "with", "as", "well", "plus", "while", "or", ",", "of") {
					joined = joined || t.Is("and", "with", "plus", ",", "or")
					continue
				}
				joined = false
				break
			}
			if joined {
				return last.Measure, last.Cue
			}
		}
	}
	// "the total now stands at ...", "the 100,000 mark", "the global total
	// stands at nearly 6.5 million": a running total of the figure before.
	total := false
	if m.Last+1 < len(toks) && toks[m.Last+1].Is("mark", "milestone", "threshold", "barrier") {
		total = true
		m.Qualifier, m.Low, m.HasLow, m.HasHigh = "min", m.Value, m.HasValue, false
	}
	for j := k; j >= 0 && j >= k-6 && !total; j-- {
		if toks[j].Text == "," || toks[j].Kind == tokens.Num {
			break
		}
		if toks[j].Is("total", "tally", "figure", "count") {
			total = true
		}
	}
	if total {
		for j := m.First - 1; j >= 0; j-- {
			if mm, ok := measureNounAt(toks, j); ok && tier(mm) > 0 {
				return mm, j
			}
		}
		if len(prev) > 0 {
			return prev[len(prev)-1].Measure, prev[len(prev)-1].Cue
		}
		if lastMeasure != "" {
			return lastMeasure, -1
		}
	}
	return "", -1
}

// measureNounAt looks up the measure noun at token k, leaving out losses
// that are not of people: "job losses", "financial losses".
func measureNounAt(toks []tokens.Token, k int) (string, bool) {
	mm, ok := measureNouns[toks[k].Lower]
	if ok && toks[k].Is("losses", "loss") && k > 0 && toks[k-1].Is("job", "jobs", "financial", "economic", "revenue", "market", "trading", "crop", "property", "territorial", "investment", "net", "quarterly", "annual", "weight", "blood", "heat", "power", "data") {
		return "", false
	}
	return mm, ok
}
