package figures

import (
	"strings"

	"github.com/tally-news/tally/internal/geo"
	"github.com/tally-news/tally/internal/numbers"
	"github.com/tally-news/tally/internal/tree"
)

// Reading the dependency tree. A number phrase is read from its head
// word n up: the noun it counts (n is that noun's nummod, or n heads a
// partitive "12 of them", "thousands of troops"), then what governs the
// phrase — the verb it is the object or passive subject of ("killed 12",
// "12 were killed"), the subject of ("12 died", "12 fled to Chad"), a
// predicate ("12 remain missing", "left 12 dead"), a tally whose level it
// gives ("the toll rose to 62", "the number of refugees stood at 1.2
// million"), a noun of an event ("the deaths of 12"), or the figure it is
// part of ("including 5 children", "the dead include 58 children").
// The word lists below are vocabulary — which lemmas mean what — and the
// tree says how the words are related.

// A Reading is what the tree says a figure counts, with the word that
// said it and the rule that read it (for `tally extract --explain`).
type Reading struct {
	Measure string
	Cue     int    // word that gave the measure, -1 if none
	Noun    int    // the counted noun, -1 for a bare number
	Rule    string // which construction decided it
	Subset  bool   // part of another figure ("including", "of them", "include")
	// Veto readings say the number counts people no measure covers:
	// inmates who broke out, people rescued.
	Veto bool
	// Strong readings name a construction more specific than any token
	// rule ("lost at sea", "driven from their homes", "with injuries"):
	// they win over the token rules.
	Strong bool
}

// strongRules are the rules whose readings are Strong.
var strongRules = map[string]bool{"lost at sea": true, "with injuries": true, "crossed a border": true, "fled abroad": true}

// nounMeasures name what happened to the people a noun counts, by lemma.
var nounMeasures = map[string]string{
	"death": "killed", "fatality": "killed", "body": "killed", "corpse": "killed", "dead": "killed",
	"killing": "killed", "murder": "killed", "execution": "killed", "martyr": "killed",
	"casualty": "casualties", "loss": "casualties",
	"injury": "wounded", "wounded": "wounded", "injured": "wounded",
	"hostage": "captured", "prisoner": "captured", "captive": "captured", "pow": "captured",
	"abductee": "captured", "abduction": "captured", "kidnapping": "captured",
	"detainee": "arrested", "arrest": "arrested", "arrestee": "arrested",
	"refugee": "refugees", "asylum-seeker": "refugees",
	"evacuee": "evacuated", "evacuation": "evacuated",
	"idp": "displaced", "displaced": "displaced", "homeless": "displaced", "displacement": "displaced",
	"missing": "missing", "disappearance": "missing",
}

// patientVerbs do to their object (or passive subject) what the measure
// says: "killed 12", "12 were arrested", "people displaced by floods".
var patientVerbs = map[string]string{
	"kill": "killed", "slay": "killed", "massacre": "killed", "murder": "killed", "execute": "killed",
	"behead": "killed", "assassinate": "killed", "slaughter": "killed", "claim": "killed",
	"eliminate": "killed", "neutralise": "killed", "neutralize": "killed", "liquidate": "killed",
	"wound": "wounded", "injure": "wounded", "hurt": "wounded", "maim": "wounded",

	"kidnap": "captured", "abduct": "captured", "capture": "captured", "seize": "captured",
	"free": "captured", "release": "captured", "swap": "captured", "exchange": "captured",
	"repatriate": "captured",
	"arrest":     "arrested", "detain": "arrested", "jail": "arrested", "imprison": "arrested",
	"apprehend": "arrested", "recapture": "arrested",
	"evacuate": "evacuated", "airlift": "evacuated",
	"displace": "displaced", "uproot": "displaced",
	"deploy": "deployed", "send": "deployed", "dispatch": "deployed", "station": "deployed",
	"withdraw": "deployed", "redeploy": "deployed", "mass": "deployed",
}

// subjectVerbs happen to their subject: "12 died", "thousands fled".
var subjectVerbs = map[string]string{
	"die": "killed", "perish": "killed", "drown": "killed", "suffocate": "killed",
	"flee": "displaced", "disappear": "missing", "vanish": "missing",
}

// predicates say the state of whom they are predicated of: "are dead",
// "remain missing", "left 12 dead", "were reported missing".
var predicates = map[string]string{
	"dead": "killed", "missing": "missing", "injured": "wounded", "wounded": "wounded", "unaccounted": "missing",
	"hurt": "wounded", "homeless": "displaced", "displaced": "displaced",
}

// movementVerbs take their subject somewhere; across a border that makes
// refugees, for troops a deployment: "755 people crossed the Channel",
// "409,000 Rohingyas had reached Bangladesh", "10,000 troops moved to Kursk".
var movementVerbs = map[string]bool{
	"cross": true, "arrive": true, "reach": true, "enter": true, "land": true, "move": true,
	"go": true, "pour": true, "flow": true, "flood": true, "head": true, "escape": true,
	"flee": true, "come": true, "travel": true, "return": true,
}

// tallyNouns are the nouns whose level a number gives: "the toll rose to
// 62", "the number of refugees stood at 1.2 million".
var tallyNouns = map[string]bool{
	"toll": true, "number": true, "count": true, "tally": true, "total": true, "figure": true,
	"influx": true, "population": true,
	// Nouns of a measure whose level a tally verb sets: "bringing
	// losses to 962,000", "casualties had climbed to 3,400".
	"loss": true, "casualty": true, "death": true, "fatality": true, "arrest": true, "detention": true,
}

// tallyVerbs set a tally's level: the number is their object or oblique
// ("rose to", "stands at", "put it at", "reached").
var tallyVerbs = map[string]bool{
	"rise": true, "climb": true, "reach": true, "stand": true, "increase": true, "grow": true,
	"jump": true, "soar": true, "hit": true, "top": true, "pass": true, "exceed": true,
	"surpass": true, "double": true, "mount": true, "swell": true, "put": true, "bring": true,
	"raise": true, "revise": true, "lower": true, "cut": true, "set": true, "be": true,
	"go": true, "edge": true, "near": true, "approach": true, "drop": true, "fall": true,
	"run": true, "tick": true, "rocket": true, "balloon": true, "update": true,
}

// thingNouns are counted things that no measure of people fits.
var thingNouns = map[string]bool{
	"hospital": true, "school": true, "house": true, "home": true, "building": true, "village": true,
	"town": true, "vehicle": true, "car": true, "bus": true, "boat": true, "ship": true, "plane": true,
	"site": true, "camp": true, "office": true, "facility": true, "shop": true, "road": true, "area": true,
	"aircraft": true, "flight": true, "helicopter": true, "jet": true, "truck": true, "tent": true,
}

// reporting verbs, for the parse repair above.
var reporting = map[string]bool{"say": true, "report": true, "announce": true, "confirm": true, "tell": true, "state": true, "add": true}

// quantityVerbs give their subject's amount: "made up 40 million",
// "numbered 4,500", "totalled 62".
var quantityVerbs = map[string]bool{"make": true, "number": true, "total": true, "amount": true, "account": true,
	"reach": true, "exceed": true, "top": true, "surpass": true, "stand": true, "hit": true, "pass": true}

// migration reads a number in a story of people on the move: arriving,
// landing, making the crossing, staying in camps as "new arrivals" —
// refugees.
func migration(s *tree.Sentence, x, noun int) (string, int, string) {
	if noun >= 0 && isOne(lemma(s, noun, arrivalNouns), "arrival", "newcomer", "crosser") {
		return "refugees", noun, "arrivals in a migration story"
	}
	g := s.Head(x)
	if g < 0 || s.URel(x) != "nsubj" || noun >= 0 && !personish(s.Lower(noun)) && !isOne(lemma(s, noun, migrantNouns), "migrant", "refugee", "rohingya", "asylum-seeker", "family") {
		return "", -1, ""
	}
	switch lemma(s, g, arrivalVerbs) {
	case "arrive", "land", "cross", "reach", "enter":
		return "refugees", g, "arrived, in a migration story"
	case "make":
		if o := s.Kid(g, "obj"); o >= 0 && (isOne(s.Lemma(o), "crossing", "journey", "trip") || s.Lower(o) == "crossing") {
			return "refugees", g, "made the crossing, in a migration story"
		}
	}
	return "", -1, ""
}

var arrivalNouns = map[string]bool{"arrival": true, "newcomer": true, "crosser": true}
var arrivalVerbs = map[string]bool{"arrive": true, "land": true, "cross": true, "reach": true, "enter": true, "make": true}
var migrantNouns = map[string]bool{"migrant": true, "refugee": true, "family": true}

// fromCountry reports "from X" with X a country on word w.
func fromCountry(s *tree.Sentence, w int, places []Place) bool {
	for _, k := range s.Kids(w) {
		if isOne(s.Case(k), "from", "out") && countryAt(s, k, places) {
			return true
		}
	}
	return false
}

var lifeVerbs = map[string]bool{"cost": true, "claim": true, "take": true, "lose": true}

// knownWord reports whether a lower-case word form may be one the tree
// readings name (by lemma, with its inflection cut off as lemma() does).
func knownWord(w string) bool {
	if readingWords[w] {
		return true
	}
	if r, ok := irregular[w]; ok && readingWords[r] {
		return true
	}
	for _, suf := range []string{"ies", "es", "s", "ed", "d", "ing", "en", "n"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 2 && (readingWords[stem] || readingWords[stem+"e"] || readingWords[stem+"y"] || len(stem) > 2 && stem[len(stem)-1] == stem[len(stem)-2] && readingWords[stem[:len(stem)-1]]) {
			return true
		}
	}
	return false
}

// readingWords are all the lemmas the readings know.
var readingWords = func() map[string]bool {
	v := map[string]bool{"them": true, "these": true, "those": true, "whom": true, "life": true, "lives": true, "home": true, "homes": true,
		"sea": true, "injury": true, "victim": true, "captivity": true, "custody": true, "detention": true, "hospital": true, "clinic": true, "flight": true, "exodus": true, "arrival": true, "seeker": true, "cross": true}
	for _, m := range []map[string]string{nounMeasures, patientVerbs, subjectVerbs, predicates} {
		for k := range m {
			v[k] = true
		}
	}
	for _, m := range []map[string]bool{movementVerbs, tallyNouns, tallyVerbs, quantityVerbs, verbVocab, lifeVerbs, arrivalNouns, migrantNouns} {
		for k := range m {
			v[k] = true
		}
	}
	return v
}()

// verbVocab is every verb the readings name, for lemma look-ups.
var verbVocab = func() map[string]bool {
	v := map[string]bool{}
	for _, m := range []map[string]string{patientVerbs, subjectVerbs} {
		for k := range m {
			v[k] = true
		}
	}
	for k := range movementVerbs {
		v[k] = true
	}
	for _, k := range []string{"drive", "push", "force", "chase", "expel", "hound", "fly", "ferry", "bus", "ship", "lose", "shoot", "gun",
		"take", "rush", "admit", "carry", "bring", "airlift", "send", "transfer", "treat", "hospitalize", "hospitalise"} {
		v[k] = true
	}
	return v
}()

// caseNouns count incidents whose kind an "of" phrase names: "32 cases of
// abduction", "reports of people missing".
var caseNouns = map[string]bool{"case": true, "instance": true, "incident": true, "report": true}

// blockers make a verb a threat or a forecast: "threatened to kill".
var blockers = map[string]bool{"threaten": true, "vow": true, "warn": true, "risk": true, "fear": false}

// lemma returns the form of word w that vocabulary v knows: its lemma,
// or, where the lemmatizer has not seen the word ("recaptured",
// "risen"), a form with its inflection taken off.
func lemma[V any](s *tree.Sentence, w int, v map[string]V) string {
	l := s.Lemma(w)
	if _, ok := v[l]; ok || w < 0 {
		return l
	}
	f := s.Lower(w)
	if _, ok := v[f]; ok {
		return f // "the injured", "the dead"
	}
	for _, suf := range []string{"ies", "es", "s", "ed", "d", "ing", "en", "n"} {
		stem, ok := strings.CutSuffix(f, suf)
		if !ok || len(stem) < 2 {
			continue
		}
		cands := []string{stem, stem + "e"}
		if suf == "ies" || suf == "ied" {
			cands = append(cands, stem+"y")
		}
		if n := len(stem); n >= 2 && stem[n-1] == stem[n-2] {
			cands = append(cands, stem[:n-1]) // "stopped"
		}
		for _, c := range cands {
			if _, ok := v[c]; ok {
				return c
			}
		}
	}
	if r, ok := irregular[f]; ok {
		if _, ok := v[r]; ok {
			return r
		}
	}
	return l
}

// irregular past forms the suffix rules cannot undo.
var irregular = map[string]string{
	"fled": "flee", "rose": "rise", "risen": "rise", "stood": "stand", "went": "go", "gone": "go",
	"came": "come", "sent": "send", "held": "hold", "froze": "freeze", "shot": "shoot", "slain": "slay",
	"slew": "slay", "hurt": "hurt", "lost": "lose", "left": "leave", "brought": "bring", "took": "take",
	"taken": "take", "drove": "drive", "driven": "drive", "grew": "grow", "grown": "grow", "fell": "fall",
	"fallen": "fall", "told": "tell", "said": "say", "put": "put", "cut": "cut", "set": "set",
	"hit": "hit", "found": "find", "flew": "fly", "flown": "fly", "saw": "see", "seen": "see",
	"died": "die", "dying": "die", "drowned": "drown", "kept": "keep", "ran": "run", "overran": "overrun",
}

// readTree reads m in s; places are the sentence's places (for where
// people went). prev are the figures already found in the sentence and
// last is the document's last measure, for subsets and continuations.
func readTree(s *tree.Sentence, m *Mention, places []Place, prev []Mention, ctx *Context) Reading {
	last := ctx.LastMeasure
	r := Reading{Cue: -1, Noun: -1}
	n := s.HeadIn(m.NumFirst, m.NumLast)
	if n < 0 {
		return r
	}
	// The number's phrase: the noun it counts and the word that heads it.
	x, noun := n, -1
	if s.URel(n) == "nummod" && s.POS(s.Head(n)) == "VERB" && n+1 < s.Len() && s.Head(n+1) == s.Head(n) && strings.HasPrefix(s.Rel(n+1), "nsubj") {
		// "52,000 Sudanese had reached Chad" parsed with the number on
		// the verb and the demonym as its subject: the number counts the
		// subject.
		noun, x = n+1, n+1
	} else if s.URel(n) == "nummod" || s.Rel(n) == "compound" && s.POS(s.Head(n)) == "NOUN" {
		noun = s.Head(n)
		x = noun
	} else if k := partitive(s, n); k >= 0 {
		noun = k
	}
	r.Noun = noun
	if noun >= 0 && s.POS(noun) == "PRON" {
		// "12 of them", "22 of whom": part of the figure before.
		if mm := antecedent(s, noun, prev, last); mm != "" {
			return Reading{Measure: mm, Cue: noun, Noun: noun, Rule: "partitive of an earlier figure", Subset: true}
		}
	}
	// "40 of the victims were foreign nationals", "identified 25 of the
	// victims": part of the toll the article has given.
	if noun >= 0 && noun != x && s.Lemma(noun) == "victim" && (last == "killed" || last == "casualties" || last == "wounded") {
		return Reading{Measure: last, Cue: noun, Noun: noun, Rule: "part of the victims (the article's last measure)", Subset: true}
	}
	nm, ncue, nrule := nounMeasure(s, noun, places)
	if nm == "" && noun < 0 {
		// A number standing for its noun: "46 killed", "1,650 missing".
		nm, ncue, nrule = modifierMeasure(s, n, places)
	}
	if vetoed(s, x, noun) {
		return Reading{Cue: -1, Noun: noun, Veto: true, Rule: "not counted: escaped or rescued"}
	}
	gm, gcue, grule, subset := governorMeasure(s, x, noun, places, prev, last)
	if gm == "" && nm == "" && ctx.Migration {
		gm, gcue, grule = migration(s, x, noun)
	}
	if gm == "" && nm == "" {
		if mm, cue, ok := bracketed(s, n, places); ok {
			gm, gcue, grule, subset = mm, cue, "a count in brackets after a name, in a list of the "+s.Lemma(cue), true
		}
	}
	if crowdFled(s, noun, gm) || gm == "" && crowdFled(s, noun, nm) {
		return Reading{Cue: -1, Noun: noun, Veto: true, Rule: "not counted: a crowd that fled is not displaced"}
	}
	if gm == noFigure {
		return Reading{Cue: -1, Noun: noun, Veto: true, Rule: "not counted: " + grule}
	}
	if !fits(s, gm, noun) {
		gm = ""
	}
	if !fits(s, nm, noun) {
		nm = ""
	}
	switch {
	case gm == "supplied", gm != "" && (nm == "" || tier(gm) > tier(nm)):
		r = Reading{Measure: gm, Cue: gcue, Noun: noun, Rule: grule, Subset: subset}
	case nm != "":
		r = Reading{Measure: nm, Cue: ncue, Noun: noun, Rule: nrule, Subset: subset}
	}
	r.Strong = strongRules[r.Rule] || strings.HasSuffix(r.Rule, " from their homes") || strings.HasSuffix(r.Rule, " out")
	if (r.Measure == "killed" || r.Measure == "wounded") && killedAndWounded(s, r.Cue, s.HeadIn(m.NumFirst, m.NumLast)) {
		r.Measure, r.Rule = "casualties", r.Rule+", killed and wounded together"
	}
	return r
}

// numberWord reports a word that can start a number, whatever its tag
// ("seven" tagged ADV).
func numberWord(s *tree.Sentence, w int) bool {
	t := s.Token(w)
	return t >= 0 && t < len(s.Toks) && numbers.Any(s.Toks[t:t+1])
}

// fits reports whether measure mm can count noun's people: a deployment
// counts troops ("two million people massed in the streets" is a
// crowd), and no measure of people counts hospitals or vehicles.
func fits(s *tree.Sentence, mm string, noun int) bool {
	if mm == "" || noun < 0 || caseNouns[s.Lemma(noun)] {
		return true // ("32 cases of abduction" are read through their "of")
	}
	if mm == "deployed" && !deployNouns[s.Lower(noun)] {
		return false
	}
	return mm == "supplied" || !thing(s, noun)
}

// ownPredicate reports whether the tree makes number m the subject of a
// verb of its own that no reading knows: "At least 27 miners were killed
// and 40 others remain trapped" — the 40 are trapped, not part of the
// dead, though they follow them.
func ownPredicate(s *tree.Sentence, m Mention, prev []Mention) bool {
	if s == nil || m.treeNum < 0 {
		return false
	}
	x := m.treeNum
	if s.URel(x) == "nummod" {
		x = s.Head(x)
	}
	// "dozens trapped": a participle of its own on a number that stands
	// alone (not a relative clause: "including seven children who were
	// burned alive" are part of the figure before).
	for _, k := range s.Kids(x) {
		if r := s.Rel(k); x == m.treeNum && (r == "acl" || r == "amod") && s.Words[k].XPOS == "VBN" && k > x {
			return true
		}
	}
	if r := s.Rel(x); r != "nsubj" && r != "nsubj:pass" {
		return false
	}
	v := s.Head(x)
	if v < 0 || s.POS(v) != "VERB" && s.POS(v) != "ADJ" {
		return false
	}
	for _, p := range prev {
		if p.Cue >= 0 && s.WordOf(p.Cue) == v {
			return false // the verb of the figure before: "12 killed and 5 more"
		}
	}
	return true
}

// thing reports whether the tree's counted noun is a thing ("87 drones
// shot down", "40 tanks destroyed"): no measure but supplied counts it.
func thing(s *tree.Sentence, noun int) bool {
	return noun >= 0 && (nonPersonNouns[s.Lower(noun)] || supplyNouns[s.Lower(noun)] || thingNouns[lemma(s, noun, thingNouns)])
}

// crowdFled reports a reading mm of displacement for a crowd at an event
// or place: "22,000 concertgoers fled for their lives" have left no home.
func crowdFled(s *tree.Sentence, noun int, mm string) bool {
	return noun >= 0 && (mm == "displaced" || mm == "refugees") && attendeeNouns[lemma(s, noun, attendeeNouns)]
}

// attendeeNouns are people at an event or place for a while, whom no
// flight makes displaced.
var attendeeNouns = map[string]bool{
	"concertgoer": true, "fan": true, "spectator": true, "shopper": true, "worshipper": true, "worshiper": true,
	"guest": true, "diner": true, "commuter": true, "reveller": true, "reveler": true, "festivalgoer": true,
	"attendee": true, "audience": true, "onlooker": true, "bystander": true, "protester": true,
	"demonstrator": true, "crowd": true, "clubber": true, "partygoer": true, "moviegoer": true, "churchgoer": true,
}

// killedAndWounded reports whether the cue of a killed (or wounded)
// reading is coordinated with the other: "were killed or wounded", "dead
// and injured".
func killedAndWounded(s *tree.Sentence, cue, self int) bool {
	if cue < 0 {
		return false
	}
	other := func(w int) string {
		if mm, ok := patientVerbs[s.Lemma(w)]; ok {
			return mm
		}
		if mm, ok := predicates[s.Lemma(w)]; ok {
			return mm
		}
		return nounMeasures[s.Lemma(w)]
	}
	a := other(cue)
	// A conjunct with its own argument, or with a number near it ("and
	// 76 injured", parsed any way), counts other people.
	own := func(w int) bool {
		for _, k := range s.Kids(w) {
			if isOne(s.URel(k), "nsubj", "obj") && !s.Dominates(k, self) {
				return true // its own subject or object, not our figure's
			}
		}
		// A number next to the other word or between the two ("killing
		// eight and wounding 173", "10 killed and 76 injured", "One
		// person killed and 15 injured"), however parsed, counts other
		// people.
		lo, hi := max(min(w, cue)-3, 0), min(max(w, cue)+3, s.Len()-1)
		if w > cue {
			lo = cue + 1
		} else {
			hi = cue - 1
		}
		for k := lo; k <= hi; k++ {
			// Past the later word, a conjunction or comma starts another
			// clause ("... or injured and millions were driven ...").
			if k > max(w, cue) && (s.URel(k) == "cc" || s.URel(k) == "punct") {
				break
			}
			if k != self && (s.POS(k) == "NUM" || numberWord(s, k) || isOne(s.Lemma(k), "several", "dozens", "hundreds", "scores")) {
				return true
			}
		}
		return false
	}
	var partner int
	switch {
	case s.URel(cue) == "conj" && !own(cue) && !own(s.Head(cue)):
		partner = s.Head(cue)
	default:
		partner = -1
		for _, k := range s.Kids(cue) {
			if s.URel(k) == "conj" && !own(k) {
				partner = k
				break
			}
		}
	}
	if partner < 0 {
		return false
	}
	b := other(partner)
	return a == "killed" && b == "wounded" || a == "wounded" && b == "killed"
}

// vetoed reports a number whose people escaped custody ("15,000
// inmates broke out of jails", "escapees fled") or were rescued ("90 of
// those who jumped were rescued"): not figures of any measure.
func vetoed(s *tree.Sentence, x, noun int) bool {
	g := s.Head(x)
	if g < 0 {
		return false
	}
	gl := lemma(s, g, vetoVerbs)
	captive := noun >= 0 && isOne(lemma(s, noun, captiveNouns), "inmate", "prisoner", "escapee", "convict", "detainee")
	// "allowing 1,500 inmates to escape"
	// (The infinitive may be parsed as an adverbial clause.)
	if xc := s.Kid(g, "xcomp", "advcl"); captive && xc >= 0 && s.URel(x) == "obj" && isOne(lemma(s, xc, vetoVerbs), "escape", "flee", "break") {
		return true
	}
	if ac := s.Kid(noun, "acl"); captive && ac >= 0 && isOne(lemma(s, ac, vetoVerbs), "escape", "flee", "break") {
		return true // "1,500 inmates to escape"
	}
	if sickVerbs[lemma(s, g, sickVerbs)] && !hospitalised(s, g, lemma(s, g, verbVocab)) {
		return true // "... infected rose to 65"
	}
	// "health workers infected", "people who tested positive": a count
	// of the sick, which no measure covers.
	if noun >= 0 {
		for _, k := range s.Kids(noun) {
			if r := s.URel(k); (r == "acl" || r == "amod") && isOne(lemma(s, k, sickVerbs), "infect", "sicken", "test", "vaccinate", "hospitalize", "hospitalise") {
				return true
			}
		}
	}
	switch {
	case captive && isOne(gl, "escape", "flee", "break") && s.URel(x) == "nsubj":
		return true
	case isOne(gl, "rescue", "save", "pull") && (s.URel(x) == "nsubj:pass" || s.URel(x) == "obj"):
		_, named := nounMeasures[lemma(s, noun, nounMeasures)]
		return !named
	}
	return false
}

var sickVerbs = map[string]bool{"infect": true, "sicken": true, "test": true, "vaccinate": true, "hospitalize": true, "hospitalise": true}

var vetoVerbs = map[string]bool{"escape": true, "flee": true, "break": true, "rescue": true, "save": true, "pull": true}
var captiveNouns = map[string]bool{"inmate": true, "prisoner": true, "escapee": true, "convict": true, "detainee": true}

// bracketed reads a count in brackets after a name, in a sentence about
// one measure's people: "The dead are from Nairobi (17), Nakuru (3)",
// "The injured were taken to Kenyatta (40) and Mbagathi (12)".
func bracketed(s *tree.Sentence, n int, places []Place) (string, int, bool) {
	t := s.Token(n)
	if t < 2 || t+1 >= len(s.Toks) || s.Toks[t-1].Text != "(" || s.Toks[t+1].Text != ")" || !s.Toks[t-2].IsCap() {
		return "", -1, false
	}
	// The sentence's subject names the measure.
	for w := 0; w < s.Len(); w++ {
		if s.URel(w) == "nsubj" || s.URel(w) == "nsubj:pass" {
			if mm, cue, _ := nounMeasure(s, w, places); mm != "" {
				return mm, cue, true
			}
		}
	}
	return "", -1, false
}

// partitive returns the noun of n's "of" phrase ("thousands of troops",
// "12 of them", "40 of the 310 deaths"), or -1.
func partitive(s *tree.Sentence, n int) int {
	for _, k := range s.Kids(n) {
		if s.URel(k) == "nmod" && s.Case(k) == "of" {
			return k
		}
	}
	return -1
}

// antecedent is the measure of the figure a pronoun refers to: the last
// figure before it in the sentence, else the document's last.
func antecedent(s *tree.Sentence, pron int, prev []Mention, last string) string {
	switch s.Lower(pron) {
	case "them", "whom", "these", "those", "which", "it":
	default:
		return ""
	}
	if len(prev) > 0 {
		// The figure just before, with no other number between: "19
		// people were saved, eight of them ..." refers to the saved.
		p := prev[len(prev)-1]
		if t := s.Token(pron); t > p.Last && !numbers.Any(s.Toks[p.Last+1:t]) {
			return p.Measure
		}
		return ""
	}
	if t := s.Token(pron); t >= 0 && numbers.Any(s.Toks[:t]) {
		return "" // the number before is no figure
	}
	return last
}

// nounMeasure reads what the noun w says happened to those it counts:
// the noun itself ("deaths"), a modifier ("displaced people", "refugee
// families", "people killed", "people who died"), or, for a noun of
// incidents, what they are incidents of ("cases of abduction").
func nounMeasure(s *tree.Sentence, w int, places []Place) (string, int, string) {
	if w < 0 {
		return "", -1, ""
	}
	lem := lemma(s, w, nounMeasures)
	if mm, ok := nounMeasures[lem]; ok && !(lem == "loss" && !peopleLoss(s, w)) {
		return mm, w, "counted noun"
	}
	// "asylum seekers", "asylum-seekers"
	if lem == "seeker" {
		for _, k := range s.Kids(w) {
			if s.Lemma(k) == "asylum" {
				return "refugees", w, "counted noun"
			}
		}
	}
	if caseNouns[lem] {
		for _, k := range s.Kids(w) {
			if s.URel(k) == "nmod" && s.Case(k) == "of" {
				if mm, cue, _ := nounMeasure(s, k, places); mm != "" {
					return mm, cue, "cases of"
				}
			}
		}
	}
	if mm, cue, rule := modifierMeasure(s, w, places); mm != "" {
		return mm, cue, rule
	}
	return "", -1, ""
}

// peopleLoss tells losses of people ("troop losses", "Russia's losses")
// from losses of anything else ("job losses", "losses of $2m").
func peopleLoss(s *tree.Sentence, w int) bool {
	for _, k := range s.Kids(w) {
		switch s.URel(k) {
		case "compound", "amod":
			if deployNouns[s.Lower(k)] || soldierNouns[s.Lower(k)] || s.Lemma(k) == "troop" || s.Lemma(k) == "military" || s.Lemma(k) == "human" {
				return true
			}
			if s.POS(k) == "NOUN" {
				return false
			}
		case "nmod":
			if s.Case(k) == "of" {
				return personish(s.Lower(k)) || deployNouns[s.Lower(k)] || s.Lemma(k) == "life"
			}
			if s.Rel(k) == "nmod:poss" {
				return true
			}
		}
	}
	return false
}

// modifierMeasure reads the modifiers of w: an adjective or participle
// ("wounded soldiers", "46 killed"), a participial phrase ("people
// displaced by the floods"), a relative clause whose subject is the
// relative pronoun ("people who died", "people who had fled Ukraine").
func modifierMeasure(s *tree.Sentence, w int, places []Place) (string, int, string) {
	for _, k := range s.Kids(w) {
		lem := lemma(s, k, patientVerbs)
		if _, ok := predicates[s.Lower(k)]; ok {
			lem = s.Lower(k)
		}
		switch s.Rel(k) {
		case "amod", "compound":
			if mm, ok := predicates[lem]; ok {
				return mm, k, "modifier"
			}
			if mm, ok := nounMeasures[lem]; ok && s.Rel(k) == "compound" && mm != "killed" {
				return mm, k, "modifier"
			}
			if mm, ok := patientVerbs[lem]; ok && s.POS(k) == "VERB" && !isForecast(s, k) {
				return mm, k, "participle"
			}
		case "acl":
			if mm, ok := patientVerbs[lem]; ok && s.Words[k].XPOS == "VBN" && !isForecast(s, k) && s.Kid(k, "obj") < 0 {
				return mm, k, "participial phrase"
			}
			// "migrants crossing into Greece", "people fleeing the
			// fighting" (or a finite verb the parser hung on its subject).
			if mm, cue, rule := verbMeasure(s, k, "nsubj", places); mm != "" && (mm == "refugees" || mm == "displaced" || mm == "killed" || mm == "missing") {
				return mm, cue, "participial phrase, " + rule
			}
			if mm, ok := predicates[lem]; ok {
				return mm, k, "participial phrase"
			}
		case "acl:relcl":
			subj := s.Kid(k, "nsubj", "nsubj:pass")
			if subj < 0 || s.POS(subj) != "PRON" || isForecast(s, k) {
				continue
			}
			if mm, cue, rule := verbMeasure(s, k, s.Rel(subj), nil); mm != "" {
				return mm, cue, "relative clause, " + rule
			}
		}
	}
	return "", -1, ""
}

// verbMeasure reads what verb v does to its argument in relation rel
// (obj, nsubj, nsubj:pass, ...): "killed" to its object, "died" to its
// subject, "were reported missing" through its predicate.
func verbMeasure(s *tree.Sentence, v int, rel string, places []Place) (string, int, string) {
	lem := lemma(s, v, verbVocab)
	passive := rel == "nsubj:pass" || rel == "nsubj" && s.Words[v].XPOS == "VBN" && s.Kid(v, "aux:pass") >= 0
	// "110 remained in captivity", "40 are still in custody" (not "died
	// in custody": the verb's own measure comes first).
	_, sv := subjectVerbs[lem]
	_, pv := patientVerbs[lem]
	if (rel == "nsubj" || rel == "nsubj:pass") && !sv && !pv {
		if k := oblLemma(s, v, "captivity"); k >= 0 {
			return "captured", k, "in captivity"
		}
		for _, l := range []string{"custody", "detention"} {
			if k := oblLemma(s, v, l); k >= 0 && s.Case(k) == "in" {
				return "arrested", k, "in " + l
			}
		}
	}
	switch {
	case rel == "obj" || passive:
		if mm, ok := patientVerbs[lem]; ok {
			return mm, v, "object of " + lem
		}
		// "took 12 hostage", "left 12 dead", "found 5 dead".
		if p := s.Kid(v, "xcomp"); p >= 0 {
			if mm, ok := predicates[s.Lemma(p)]; ok {
				return mm, p, "predicate of " + lem
			}
			if mm, ok := nounMeasures[s.Lemma(p)]; ok {
				return mm, p, "predicate of " + lem
			}
		}
		// "shot dead", "gunned down"
		if lem == "shoot" || lem == "gun" {
			return "killed", v, "object of " + lem
		}
		switch {
		// "driven from their homes", "forced out of their homes"
		case isOne(lem, "drive", "push", "force", "chase", "expel", "hound") && (oblLemma(s, v, "home") >= 0 || argHome(s, v)):
			return "displaced", v, lem + " from their homes"
		// "flown out of Kabul"
		case isOne(lem, "fly", "ferry", "bus", "ship") && (s.Kid(v, "compound:prt") >= 0 && s.Lower(s.Kid(v, "compound:prt")) == "out" || oblCase(s, v, "out") >= 0):
			return "evacuated", v, lem + " out"
		// "lost at sea"
		case lem == "lose" && oblLemma(s, v, "sea") >= 0:
			return "killed", v, "lost at sea"
		// "we have lost 47 of our volunteers", "lost 2,030 troops"
		case lem == "lose" && rel == "obj" && lostPeople(s, v):
			return "casualties", v, "object of lose"
		}
		// "admitted to hospital with injuries"
		if withInjuries(s, v) {
			return "wounded", v, "with injuries"
		}
		// "107 have been taken to hospital", "rushed to hospitals",
		// "hospitalised": the hurt of an attack or accident (not the sick
		// of an outbreak: "hospitalised with cholera").
		if hospitalised(s, v, lem) {
			return "wounded", v, "taken to hospital"
		}
	case rel == "nsubj":
		if mm, ok := subjectVerbs[lem]; ok {
			if lem == "flee" && abroad(s, v, places) {
				return "refugees", v, "fled abroad"
			}
			return mm, v, "subject of " + lem
		}
		if mm, ok := predicates[lem]; ok && s.POS(v) == "ADJ" {
			return mm, v, "predicate"
		}
		if p := s.Kid(v, "xcomp"); p >= 0 {
			if mm, ok := predicates[s.Lemma(p)]; ok {
				return mm, p, "predicate of " + lem
			}
		}
		if movementVerbs[lem] && abroad(s, v, places) {
			return "refugees", v, "crossed a border"
		}

	}
	return "", -1, ""
}

// lostPeople reports that what v (lose) lost are people: troops,
// volunteers, men, members.
func lostPeople(s *tree.Sentence, v int) bool {
	o := s.Kid(v, "obj")
	if n := partitive(s, o); n >= 0 {
		o = n
	}
	w := s.Lower(o)
	return deployNouns[w] || personish(w) || isOne(lemma(s, o, lostNouns), "volunteer", "member", "comrade", "colleague", "officer", "man")
}

var lostNouns = map[string]bool{"volunteer": true, "member": true, "comrade": true, "colleague": true, "officer": true, "man": true}

// argHome reports "from their homes" hung on v's object rather than on
// v: "driven [12,000 families from their homes]".
func argHome(s *tree.Sentence, v int) bool {
	o := s.Kid(v, "obj")
	for _, k := range s.Kids(o) {
		if s.Lemma(k) == "home" && isOne(s.Case(k), "from", "out") {
			return true
		}
	}
	return false
}

// withInjuries reports "with injuries" on v or on a clause it governs
// ("admitted to hospital with injuries").
func withInjuries(s *tree.Sentence, v int) bool {
	for _, k := range s.Kids(v) {
		if isOne(lemma(s, k, injuryWords), "injury", "wound", "burn") && s.Case(k) == "with" {
			return true
		}
		if r := s.URel(k); r == "xcomp" || r == "obl" {
			for _, kk := range s.Kids(k) {
				if isOne(lemma(s, kk, injuryWords), "injury", "wound", "burn") && s.Case(kk) == "with" {
					return true
				}
			}
		}
	}
	return false
}

// hospitalised reports that verb v (lemma lem) puts its patient in
// hospital, for no illness the clause names.
func hospitalised(s *tree.Sentence, v int, lem string) bool {
	// "hospitalised after the blast": hurt in an event, not sick.
	in := isOne(lem, "hospitalize", "hospitalise") && (oblCase(s, v, "after") >= 0 || oblCase(s, v, "following") >= 0)
	if isOne(lem, "take", "rush", "admit", "carry", "bring", "ferry", "airlift", "evacuate", "send", "transfer", "treat") {
		for _, k := range s.Kids(v) {
			// (Any relation: "to hospital" is sometimes parsed as an
			// infinitive.)
			if isOne(lemma(s, k, hospitalWords), "hospital", "clinic", "hospitals", "clinics") {
				in = true
			}
		}
	}
	// "treated for injuries", "treated for gunshot wounds"
	if isOne(lem, "treat", "admit", "hospitalize", "hospitalise") {
		for _, k := range s.Kids(v) {
			if s.URel(k) == "obl" && s.Case(k) == "for" && injuryWords[lemma(s, k, injuryWords)] {
				return true
			}
		}
	}
	if !in {
		return false
	}
	// Anywhere in the clause, however it was hung.
	for k := 0; k < s.Len(); k++ {
		if (s.URel(k) == "obl" || s.URel(k) == "nmod") && s.Case(k) == "with" && !injuryWords[lemma(s, k, injuryWords)] && s.Dominates(v, k) {
			return false // "with cholera", "with breathing problems"
		}
	}
	return true
}

var hospitalWords = map[string]bool{"hospital": true, "clinic": true}

var injuryWords = map[string]bool{"injury": true, "wound": true, "burn": true}

// oblLemma returns v's oblique dependent with lemma l, or -1.
func oblLemma(s *tree.Sentence, v int, l string) int {
	for _, k := range s.Kids(v) {
		if s.URel(k) == "obl" && lemma(s, k, map[string]bool{l: true}) == l {
			return k
		}
	}
	return -1
}

// oblCase returns v's oblique dependent marked by case c, or -1.
func oblCase(s *tree.Sentence, v int, c string) int {
	for _, k := range s.Kids(v) {
		if s.URel(k) == "obl" && s.Case(k) == c {
			return k
		}
	}
	return -1
}

// abroad reports whether movement verb v takes its subject to another
// country or across a border: "fled to Chad", "crossed into Poland",
// "reached Greece", "moved to neighbouring countries".
func abroad(s *tree.Sentence, v int, places []Place) bool {
	for _, k := range s.Kids(v) {
		rel := s.URel(k)
		if rel != "obl" && rel != "obj" && rel != "advmod" {
			continue
		}
		switch s.Lemma(k) {
		case "border", "abroad", "country", "channel", "sea", "europe", "frontier":
			return true
		}
		if rel == "obl" && !isOne(s.Case(k), "to", "into", "across", "towards", "toward") {
			continue
		}
		if countryAt(s, k, places) {
			return true
		}
	}
	// "flee into neighbouring Tanzania" however the parser hung it (the
	// participle "neighbouring" taken for a verb): the words after the verb.
	k := v + 1
	if k < s.Len() && isOne(s.Lower(k), "to", "into", "across", "towards", "toward") {
		k++
		for k < s.Len() && isOne(s.Lower(k), "the", "neighbouring", "neighboring", "nearby", "neighbour", "neighbor") {
			k++
		}
		if k < s.Len() && countryAt(s, k, places) {
			return true
		}
	}
	return false
}

// countryAt reports whether word w is a country (or its capital) in
// places.
func countryAt(s *tree.Sentence, w int, places []Place) bool {
	t := s.Token(w)
	for _, p := range places {
		if p.First <= t && t <= p.Last && (p.Kind == geo.Country || p.Kind == geo.Capital) {
			return true
		}
	}
	return false
}

func isOne(w string, set ...string) bool {
	for _, x := range set {
		if w == x {
			return true
		}
	}
	return false
}

// isForecast reports whether verb v is a threat or forecast rather than
// what happened: "could flee", "threatened to kill", "will deploy" — but
// "might have died" and "intends to send" report an event or a decision.
func isForecast(s *tree.Sentence, v int) bool {
	perfect := false
	modal := false
	for _, k := range s.Kids(v) {
		if s.URel(k) != "aux" {
			continue
		}
		switch s.Lemma(k) {
		case "could", "may", "might", "would", "will", "shall", "can", "should", "must":
			modal = true
		case "have":
			perfect = true
		}
	}
	if modal && !perfect {
		return true
	}
	if h := s.Head(v); h >= 0 && s.Rel(v) == "xcomp" && blockers[s.Lemma(h)] {
		return true
	}
	return false
}

// governorMeasure reads what governs the phrase headed by x (counting
// noun, or -1): a verb, a predicate, a tally, an event noun or a figure
// it is part of.
func governorMeasure(s *tree.Sentence, x, noun int, places []Place, prev []Mention, last string) (string, int, string, bool) {
	// Conjuncts share their first conjunct's governor: "nine Iraqis and
	// four US soldiers were killed".
	for s.URel(x) == "conj" && s.Head(x) >= 0 && s.POS(s.Head(x)) != "VERB" {
		// "killed nine people and injured at least ten", parsed with ten
		// as a conjunct of people: the verb between is ten's.
		// (Only a verb after the conjunction: in "one killed and 15
		// injured" the verb before "and" is the first conjunct's.)
		from := s.Head(x) + 1
		for k := x - 1; k > s.Head(x); k-- {
			if s.URel(k) == "cc" || s.Lower(k) == "and" || s.Lower(k) == "or" {
				from = k + 1
				break
			}
		}
		for k := from; k < x; k++ {
			if mm, ok := patientVerbs[lemma(s, k, patientVerbs)]; ok && s.POS(k) == "VERB" {
				return mm, k, "object of " + s.Lemma(k) + " (between conjuncts)", false
			}
		}
		x = s.Head(x)
	}
	g := s.Head(x)
	if g < 0 {
		return "", -1, "", false
	}
	rel := s.Rel(x)
	// "including five children", "among them three women": part of the
	// figure the phrase hangs on.
	if c := s.Case(x); c == "including" || c == "excluding" {
		for _, p := range prev {
			if p.treeNoun == g || p.treeNum == g {
				return p.Measure, -1, "part of the figure before (" + c + ")", true
			}
		}
		if mm, cue, _ := nounMeasure(s, g, places); mm != "" {
			return mm, cue, "part of (" + c + ")", true
		}
	}
	// An appositive restates or sums up: "the largest refugee
	// population, 3.5 million people".
	if s.URel(x) == "appos" {
		if mm, cue, _ := nounMeasure(s, g, places); mm != "" {
			return mm, cue, "apposition", false
		}
	}
	// An event noun: "the deaths of 12 hostages", "the release of 9,000
	// prisoners".
	if s.URel(x) == "nmod" && s.Case(x) == "of" {
		if mm, ok := nounMeasures[s.Lemma(g)]; ok && tier(mm) >= 2 {
			return mm, g, "event noun " + s.Lemma(g), false
		}
		switch s.Lemma(g) {
		case "release", "freeing", "swap":
			return "captured", g, "event noun " + s.Lemma(g), false
		case "flight", "exodus":
			// "the flight of hundreds of thousands of Rohingya from
			// Myanmar": across a border, refugees.
			if abroad(s, g, places) || fromCountry(s, g, places) || fromCountry(s, x, places) || noun >= 0 && fromCountry(s, noun, places) {
				return "refugees", g, "event noun " + s.Lemma(g), false
			}
			return "displaced", g, "event noun " + s.Lemma(g), false
		}
	}
	if isForecast(s, g) {
		return "", -1, "", false
	}
	// "cost hundreds of lives", "claimed 359 lives"
	if noun >= 0 && s.Lemma(noun) == "life" && rel == "obj" && isOne(lemma(s, g, lifeVerbs), "cost", "claim", "take", "lose") {
		return "killed", g, "lives " + s.Lemma(g), false
	}
	// "Of these, 229,000 are staying ...": part of the figure before,
	// however the parser hung the fronted "of these".
	if t := s.Toks; len(t) > 2 && t[0].Lower == "of" && t[1].Is("these", "those", "them", "whom") && s.Token(x) > 1 {
		if mm := antecedent(s, s.WordOf(1), prev, last); mm != "" {
			return mm, -1, "part of the figure before (of these)", true
		}
	}
	for _, k := range s.Kids(g) {
		if k != x && s.URel(k) == "obl" && s.Case(k) == "of" && isOne(s.Lower(k), "these", "them", "those") && k < x {
			if mm := antecedent(s, k, prev, last); mm != "" {
				return mm, -1, "part of the figure before (of these)", true
			}
		}
	}
	if s.POS(g) == "VERB" || s.POS(g) == "ADJ" || s.POS(g) == "AUX" {
		if mm, cue, rule := verbMeasure(s, g, rel, places); mm != "" {
			return mm, cue, rule, false
		}
		// "said [600 of the escapees] [have been recaptured]": the
		// parser made the subject of the reported clause the object of
		// the reporting verb.
		if rel == "obj" && reporting[lemma(s, g, reporting)] {
			for _, c := range s.Kids(g) {
				if s.URel(c) == "ccomp" && c > x && s.Kid(c, "nsubj", "nsubj:pass") < 0 {
					r := "nsubj"
					if s.Kid(c, "aux:pass") >= 0 {
						r = "nsubj:pass"
					}
					if mm, cue, rule := verbMeasure(s, c, r, places); mm != "" {
						return mm, cue, rule + " (the reported clause's subject)", false
					}
				}
			}
		}
		// "People displaced within their own country made up 40 million",
		// "refugees numbered 4,500": the subject's measure.
		if (rel == "obj" || rel == "obl") && quantityVerbs[lemma(s, g, quantityVerbs)] {
			if subj := s.Kid(g, "nsubj"); subj >= 0 && subj != noun {
				if mm, cue, _ := nounMeasure(s, subj, places); mm != "" {
					return mm, cue, "amount of the " + s.Lemma(subj), false
				}
			}
		}
		// "supplied 3 million shells"
		if supplyNoun(s, noun) && (rel == "obj" || rel == "nsubj:pass") && supplyVerbs[s.Lower(g)] {
			return "supplied", g, "object of " + s.Lemma(g), false
		}
		// Troops on the move: "10,000 troops have reached Kursk".
		if noun >= 0 && deployNouns[s.Lower(noun)] && rel == "nsubj" && movementVerbs[s.Lemma(g)] {
			return "deployed", g, "troops on the move", false
		}
		// "the dead include 58 children": part of the subject's figure.
		if rel == "obj" && (s.Lemma(g) == "include" || s.Lemma(g) == "comprise") {
			if subj := s.Kid(g, "nsubj"); subj >= 0 {
				if mm, cue, _ := nounMeasure(s, subj, places); mm != "" {
					return mm, cue, "included in " + s.Lemma(subj), true
				}
			}
		}
	}
	// A tally's level: "the toll rose to 62", "put the number at 1,100",
	// "the number of refugees grew by 2.9 million to reach 25.4 million",
	// "the toll is 62" (the number as the predicate).
	if mm, cue, rule := tallyMeasure(s, x, places, prev, last); mm != "" {
		return mm, cue, rule, false
	}
	return "", -1, "", false
}

// tallyMeasure reads a number that gives a tally's level.
func tallyMeasure(s *tree.Sentence, x int, places []Place, prev []Mention, last string) (string, int, string) {
	g := s.Head(x)
	rel := s.URel(x)
	// The number as a copular predicate: "the toll is 62".
	if s.Kid(x, "cop") >= 0 {
		g, rel = x, "pred"
	}
	// "put the figure at 510,000" parsed with the number on the noun.
	if rel == "nmod" && s.Case(x) == "at" && tallyNouns[s.Lemma(g)] && tallyVerbs[lemma(s, s.Head(g), tallyVerbs)] {
		if mm, cue, rule, done := tallyLevel(s, g, places, prev, last); done {
			return mm, cue, rule
		}
	}
	// "bringing losses since the invasion to 962,000" parsed with "to
	// 962,000" on the noun before: the level is the verb's.
	if rel == "nmod" && (s.Case(x) == "to" || s.Case(x) == "at") && g >= 0 && !tallyNouns[s.Lemma(g)] && (s.URel(g) == "obl" || s.URel(g) == "obj") && tallyVerbs[lemma(s, s.Head(g), tallyVerbs)] {
		g, rel = s.Head(g), "obl"
	}
	for hop := 0; g >= 0 && hop < 3; hop++ {
		if !(tallyVerbs[lemma(s, g, tallyVerbs)] || rel == "pred") || !(rel == "obl" || rel == "obj" || rel == "pred" || rel == "advcl" || rel == "xcomp" || rel == "conj") {
			return "", -1, ""
		}
		for _, k := range s.Kids(g) {
			if k == x {
				continue
			}
			r := s.URel(k)
			if r != "nsubj" && r != "obj" && !(r == "obl" && s.Lemma(g) == "put") {
				continue
			}
			if !tallyNouns[s.Lemma(k)] && !(s.Lemma(k) == "it" && s.Lemma(g) == "put") {
				continue
			}
			if mm, cue, rule, done := tallyLevel(s, k, places, prev, last); done {
				return mm, cue, rule
			}
		}
		// "the number of refugees grew by 2.9 million", parsed with the
		// verb as a clause on a noun (acl): a finite verb there, or one
		// that takes no object and so has no passive participle ("rose",
		// "jumped"), has no subject of its own, so the noun it hangs on
		// is its subject.
		if s.URel(g) == "acl" && s.Kid(g, "nsubj") < 0 && (finite(s, g) || intransitiveTally[lemma(s, g, intransitiveTally)]) {
			k := s.Head(g)
			if !tallyNouns[s.Lemma(k)] && s.URel(k) == "nmod" && s.Case(k) == "of" {
				k = s.Head(k)
			}
			if k >= 0 && tallyNouns[s.Lemma(k)] {
				if mm, cue, rule, done := tallyLevel(s, k, places, prev, last); done {
					return mm, cue, rule
				}
			}
		}
		// "grew by 2.9 million to reach 25.4 million": the tally is the
		// subject of the verb this one continues.
		x, rel, g = g, s.URel(g), s.Head(g)
	}
	return "", -1, ""
}

// tallyLevel reads the tally noun k whose level a number gives ("the
// death toll", "the number of refugees"); done says it decided (with no
// measure when the tally counts things).
func tallyLevel(s *tree.Sentence, k int, places []Place, prev []Mention, last string) (string, int, string, bool) {
	// "the number of aircraft", "the number of displacement sites"
	// count things.
	if of := ofNoun(s, k); of >= 0 && (thingNouns[lemma(s, of, thingNouns)] || supplyNouns[s.Lower(of)] || nonPersonNouns[s.Lower(of)]) {
		return "", -1, "", true
	}
	if mm, cue, _ := nounMeasure(s, k, places); mm != "" {
		return mm, cue, "level of the " + s.Lemma(k), true
	}
	// "the number of refugees", "the number of people who fled".
	for _, of := range s.Kids(k) {
		if s.URel(of) == "nmod" && s.Case(of) == "of" {
			if mm, cue, _ := nounMeasure(s, of, places); mm != "" {
				return mm, cue, "level of the " + s.Lemma(k) + " of " + s.Lemma(of), true
			}
		}
	}
	switch {
	case s.Lemma(k) == "toll":
		return "killed", k, "level of the toll", true
	case s.Lemma(k) == "influx":
		// "the Rohingya influx into Bangladesh reaches 409,000"
		return "refugees", k, "level of the influx", true
	case ofNoun(s, k) < 0 && s.Lemma(k) != "number" && s.Lemma(k) != "population" && countedBefore(s, k, prev):
		return noFigure, k, "level of the count before, which is no figure", true
	case last != "" && ofNoun(s, k) < 0 && s.Lemma(k) != "number" && s.Lemma(k) != "population":
		return last, k, "level of the " + s.Lemma(k) + " (the article's last measure)", true
	}
	return "", -1, "", false
}

// intransitiveTally are the tally verbs that take no object.
var intransitiveTally = map[string]bool{
	"rise": true, "climb": true, "grow": true, "jump": true, "soar": true, "mount": true, "swell": true,
	"edge": true, "drop": true, "fall": true, "rocket": true, "balloon": true, "tick": true,
}

// timeNouns are units of time: "six weeks ago" counts no one.
var timeNouns = map[string]bool{"second": true, "minute": true, "hour": true, "day": true, "week": true, "month": true,
	"year": true, "decade": true, "century": true, "percent": true, "per": true}

// noFigure is the measure of a reading that finds the number is no
// figure at all, whatever the token rules would make of it.
const noFigure = "-"

// countedBefore reports a number earlier in the sentence than the tally
// noun k that is no figure: "98,600 people joined the march, while organisers put the
// figure at 510,000" — the figure is that count's, not the article's
// last measure's.
func countedBefore(s *tree.Sentence, k int, prev []Mention) bool {
	figure := map[int]bool{}
	for _, p := range prev {
		figure[p.treeNum] = true
	}
	for w := 0; w < k; w++ {
		if s.POS(w) == "NUM" && s.URel(w) == "nummod" && !timeNouns[s.Lemma(s.Head(w))] && !figure[w] && !figure[s.Head(w)] {
			if f := s.Lower(w); len(f) == 4 && (strings.HasPrefix(f, "19") || strings.HasPrefix(f, "20")) {
				continue // a year
			}
			return true
		}
	}
	return false
}

// finite reports whether verb w is finite (past or present tense), by
// its tag.
func finite(s *tree.Sentence, w int) bool {
	switch s.Words[w].XPOS {
	case "VBD", "VBZ", "VBP":
		return true
	}
	return false
}

// ofNoun returns the noun of w's "of" phrase, or -1.
func ofNoun(s *tree.Sentence, w int) int {
	for _, k := range s.Kids(w) {
		if s.URel(k) == "nmod" && s.Case(k) == "of" {
			return k
		}
	}
	return -1
}

func supplyNoun(s *tree.Sentence, w int) bool {
	return w >= 0 && supplyNouns[s.Lower(w)]
}

// DoerOnly reports whether every mention of country c in the sentence
// stands in the subject of the verb that does to the figure's people
// what the figure counts: "Indian troops have detained 13 escapees" —
// the troops are Indian, the escapees are not.
func DoerOnly(s *tree.Sentence, m Mention, places []Place, c string) bool {
	n := m.treeNum
	if n < 0 {
		return false
	}
	x := n
	if s.URel(n) == "nummod" {
		x = s.Head(n)
	}
	v := s.Head(x)
	if v < 0 || s.URel(x) != "obj" || s.POS(v) != "VERB" {
		return false
	}
	subj := s.Kid(v, "nsubj")
	if subj < 0 {
		return false
	}
	seen := false
	for _, p := range places {
		if p.Country != c {
			continue
		}
		seen = true
		w := s.HeadIn(p.First, p.Last)
		if w < 0 || !s.Dominates(subj, w) {
			return false
		}
	}
	return seen
}
