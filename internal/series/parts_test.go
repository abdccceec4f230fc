package series

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

// said is a report whose sentence is written out, the number phrase num
// in it: the scope rules read the sentence.
func said(id int64, doc, published, source, sentence, num, measure, counted string) Report {
	r := wire(id, doc, published, source, num, measure, counted)
	at := strings.Index(sentence, num)
	if at < 0 {
		panic(num + " not in " + sentence)
	}
	r.Sentence = sentence
	r.SentenceSpan = [2]int{500, 500 + len(sentence)}
	r.Span = [2]int{500 + at, 500 + at + len(num)}
	return r
}

// inHeadline makes r its document's headline: the first sentence, no stop.
func inHeadline(r Report) Report {
	r.SentenceSpan = [2]int{0, len(r.Sentence)}
	r.Span[0], r.Span[1] = r.Span[0]-500, r.Span[1]-500
	return r
}

func keys(ss []Series) string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s:%d", s.Key, len(s.Claims)))
	}
	return strings.Join(out, " ")
}

// Two quakes in one country, two years apart, are two series, each with
// its own consensus: the 2023 toll is not an estimate of the 2025 one.
func TestTwoEventsStayTwo(t *testing.T) {
	rs := []Report{
		said(1, "a", "2023-02-07", "disaster agency", "The death toll from the earthquake rose to 3,549 on Tuesday, the disaster agency said.", "3,549", "killed", "Turkey"),
		said(2, "b", "2023-02-09", "officials", "Rescuers were still digging as the quake's toll passed 12,000, officials said.", "12,000", "killed", "Turkey"),
		said(3, "c", "2025-04-24", "governor", "A strong earthquake killed 2 people and damaged dozens of homes, the governor said.", "2", "killed", "Turkey"),
		said(4, "d", "2025-04-25", "ministry", "The ministry said 3 people died in the quake.", "3", "killed", "Turkey"),
	}
	ss := Build(rs)
	if got, want := keys(ss), "Turkey/killed#quake-2023-02-07:2 Turkey/killed#quake-2025-04-24:2"; got != want {
		t.Fatalf("series %s\nwant %s", got, want)
	}
	for _, s := range ss {
		if s.Kind != KindIncident || s.Label != "quake" {
			t.Errorf("%s: kind %q label %q", s.Key, s.Kind, s.Label)
		}
	}
	if c := ss[0].Consensus(); c.String() != "3,549–12,000" {
		t.Errorf("2023 consensus %s", c)
	}
	if c := ss[1].Consensus(); c.String() != "2–3" {
		t.Errorf("2025 consensus %s", c)
	}
}

// A bombing and a running total of the same country are different series,
// even on the same day and from independent sources: 17 killed in one
// attack does not contradict 100,000 killed since the invasion.
func TestIncidentAndTotal(t *testing.T) {
	rs := []Report{
		said(1, "a", "2004-10-01", "police", "A car bomb exploded near a police patrol on Thursday, killing 17 people, police said.", "17", "killed", "Iraq"),
		said(2, "b", "2004-10-01", "study", "Around 100,000 Iraqis have been killed in violence since the invasion, a study said.", "Around 100,000", "killed", "Iraq"),
		said(3, "c", "2004-10-02", "hospital officials", "Hospital officials said the toll from Thursday's car bomb near the patrol had risen to 21.", "21", "killed", "Iraq"),
	}
	ss := Build(rs)
	if got, want := keys(ss), "Iraq/killed:1 Iraq/killed#bombing-2004-10-01:2"; got != want {
		t.Fatalf("series %s\nwant %s", got, want)
	}
	for _, s := range ss {
		if n := len(s.Conflicts()); s.Kind == KindTotal && n != 0 {
			t.Errorf("%s: %d conflicts", s.Key, n)
		}
	}
	// 17 then 21 from two independent sources a day apart: a toll that
	// grew, no conflict.
	if cs := ss[1].Conflicts(); len(cs) != 0 {
		t.Errorf("conflicts in the bombing: %v", cs[0].Reason())
	}
}

// Subsets and background figures are kept in the series, marked, and
// never compared: "including 20 children" is not a rival of 50 killed.
func TestSubsetsAndBackground(t *testing.T) {
	sentence := "The blast at the Quetta market killed 50 people, including 20 children, officials said."
	rs := []Report{
		said(1, "a", "2024-05-01", "officials", sentence, "50", "killed", "Pakistan"),
		said(2, "a", "2024-05-01", "officials", sentence, "20", "killed", "Pakistan"),
		said(3, "b", "2024-05-01", "police", "Police said at least 48 people died in the blast at the Quetta market.", "at least 48", "killed", "Pakistan"),
		said(4, "b", "2024-05-01", "police", "It was the worst attack since 2014, when 141 people died in a school siege.", "141", "killed", "Pakistan"),
	}
	ss := Build(rs)
	if len(ss) != 1 {
		t.Fatalf("series %s", keys(ss))
	}
	s := ss[0]
	aside := map[string]string{}
	for i := range s.Claims {
		if c := &s.Claims[i]; c.Aside() {
			aside[c.NumberText] = c.Scope
		}
	}
	if aside["20"] != claim.ScopeSubset || aside["141"] != claim.ScopeBackground || len(aside) != 2 {
		t.Errorf("asides %v", aside)
	}
	if cs := s.Conflicts(); len(cs) != 0 {
		t.Errorf("conflicts: %s", cs[0].Reason())
	}
	if c := s.Consensus(); c.String() != "48–50" {
		t.Errorf("consensus %s", c)
	}
	for _, sp := range s.Spreads() {
		if sp.Disagree {
			t.Errorf("spread flagged: %s", sp.Reason)
		}
	}
}

// A headline and the body sentence that restates it are one claim with
// two reports, described by the body; a headline with another number is
// a claim of its own.
func TestHeadlineRestatement(t *testing.T) {
	rs := []Report{
		inHeadline(said(1, "a", "", "the publisher", "Car Bomb Kills 11 Near Green Zone", "11", "killed", "Iraq")),
		said(2, "a", "", "police", "A car bomb exploded outside the Green Zone on Monday, killing at least 11 people, police said.", "at least 11", "killed", "Iraq"),
		inHeadline(said(3, "b", "", "the publisher", "Suicide Bomber Kills 21 Troops", "21", "killed", "Iraq")),
		said(4, "b", "", "the publisher", "A suicide car bomb hit a bus on Sunday, killing 22 soldiers.", "22", "killed", "Iraq"),
	}
	cs := Claims(rs)
	var got []string
	for _, c := range cs {
		got = append(got, fmt.Sprintf("%s %s ×%d", c.Source, c.NumberText, len(c.Reports)))
	}
	want := "[police at least 11 ×2 the publisher 21 ×1 the publisher 22 ×1]"
	if fmt.Sprint(got) != want {
		t.Errorf("claims %v\nwant %s", got, want)
	}
}

// A dateline is where the story was filed, not where the count was made.
func TestDatelineIsNoPlace(t *testing.T) {
	r1 := withLocation(said(1, "a", "2004-09-12", "police", "SAMARRA, Iraq (Reuters) - Three Iraqis were killed on Wednesday when a bomb hit a convoy.", "Three", "killed", "Iraq"), "SAMARRA")
	r2 := withLocation(said(2, "b", "2004-09-20", "police", "Two people were killed in a bombing in Mosul on Monday.", "Two", "killed", "Iraq"), "Mosul")
	r3 := withLocation(said(3, "c", "2004-09-21", "police", "BAGHDAD (Reuters) - Five people were killed by a bomb in Baghdad on Tuesday.", "Five", "killed", "Iraq"), "Baghdad")
	for _, s := range Build([]Report{r1, r2, r3}) {
		if s.Key.Location == "SAMARRA" {
			t.Errorf("a dateline split the series: %s", s.Key)
		}
		if strings.Contains(s.Key.String(), "Baghdad") != (len(s.Claims) == 1 && s.Claims[0].NumberText == "Five") {
			t.Errorf("%s: %d claims", s.Key, len(s.Claims))
		}
	}
	// A place also named in the body is kept, spelled as the body spells
	// it when another report does.
	r4 := withLocation(said(4, "d", "2004-09-22", "medics", "GAZA (Reuters) - 2 people were killed in a strike on Gaza City.", "2", "killed", "Iraq"), "GAZA")
	r5 := withLocation(said(5, "e", "2004-09-23", "residents", "3 people were killed in Gaza on Thursday.", "3", "killed", "Iraq"), "Gaza")
	for _, s := range Build([]Report{r2, r4, r5}) {
		if strings.Contains(strings.ToLower(s.Key.Location), "gaza") && s.Key.Location != "Gaza" {
			t.Errorf("spelled %s", s.Key)
		}
	}
	for _, tc := range []struct {
		sentence, loc string
		want          bool
	}{
		{"GUWAHATI, India (Reuters) - Six people were shot dead.", "GUWAHATI", true},
		{"KYIV - More than 3,000 soldiers were killed.", "KYIV", true},
		{"BAGHDAD: Fifteen people were killed in an explosion.", "BAGHDAD", true},
		{"BAGHDAD (Reuters) - A bomb killed five in Baghdad.", "Baghdad", false},
		{"Six people were shot dead in Guwahati.", "Guwahati", false},
		{"Gaza - five killed", "Gaza", false},
	} {
		if got := isDateline(tc.sentence, tc.loc); got != tc.want {
			t.Errorf("isDateline(%q, %q) = %v", tc.sentence, tc.loc, got)
		}
	}
}

// Undated reports of one incident are tied by their wording; a figure
// with no event of its own belongs to the incident its document reports.
func TestUndatedIncidents(t *testing.T) {
	rs := []Report{
		said(1, "a", "", "officials", "Two car bombs shook the capital in quick succession Sunday, killing at least 11 people, officials said.", "at least 11", "killed", "Iraq"),
		said(2, "b", "", "hospital officials", "Two car bombs shook the capital in quick succession Sunday, killing at least 10 Iraqis, hospital officials said.", "at least 10", "killed", "Iraq"),
		said(3, "c", "", "the publisher", "A mortar attack killed four employees of a security firm in the capital.", "four", "killed", "Iraq"),
		said(4, "c", "", "witnesses", "Witnesses said at least three more people were killed.", "at least three", "killed", "Iraq"),
	}
	got := keys(Build(rs))
	want := "Iraq/killed#attack-c:2 Iraq/killed#bombing-a:2"
	if got != want {
		t.Errorf("series %s\nwant %s", got, want)
	}
}

// Series ids with parts survive String and ParseKey, and Base drops the
// part.
func TestPartKeys(t *testing.T) {
	for _, s := range []string{"Iraq/killed#bombing-2004-10-01", "Israel/Gaza/killed/Rafah#day-2024-05-06", "Iraq/killed#attack-ag-5517"} {
		k, err := ParseKey(s)
		if err != nil || k.String() != s {
			t.Errorf("ParseKey(%q) = %+v %v", s, k, err)
		}
		if k.Base().Part != "" || !strings.HasPrefix(s, k.Base().String()+"#") {
			t.Errorf("Base of %q: %s", s, k.Base())
		}
	}
	k, _ := ParseKey("iraq/KILLED#Bombing-2004-10-01")
	if !k.Match(Key{Counted: "Iraq", Measure: "killed", Part: "bombing-2004-10-01"}) {
		t.Errorf("Match ignores case in the part: %+v", k)
	}
}

// The sum of a headline's killed and wounded restates the sum of the
// body's: one casualties claim.
func TestHeadlineRestatesDerived(t *testing.T) {
	head := "Spy agency: 300 soldiers dead, 2,700 wounded"
	body := "At least 300 soldiers have been killed and 2,700 wounded in the war, the spy agency said."
	rs := []Report{
		inHeadline(said(1, "a", "2025-01-13", nis, head, "300", "killed", nk)),
		inHeadline(said(2, "a", "2025-01-13", nis, head, "2,700", "wounded", nk)),
		said(3, "a", "2025-01-13", nis, body, "At least 300", "killed", nk),
		said(4, "a", "2025-01-13", nis, body, "2,700", "wounded", nk),
	}
	derived := Derive(rs)
	if len(derived) != 2 {
		t.Fatalf("derived %d", len(derived))
	}
	cs := Claims(derived)
	if len(cs) != 1 || len(cs[0].Reports) != 2 || cs[0].Qualifier != claim.Min {
		t.Errorf("claims %d: %+v", len(cs), cs)
	}
}

// Two kidnappings in one country days apart, whose reports share no
// wording, are two incidents: a country at war has many a week, and the
// 10 taken in one are no rival estimate of the 7 held in the other.
func TestTwoKidnappingsStayTwo(t *testing.T) {
	rs := []Report{
		said(1, "a", "2004-11-11", "a television channel", "A television channel showed video on Thursday of 10 new hostages seized by militants near the capital.", "10", "captured", "Iraq"),
		said(2, "b", "2004-11-13", "the group", "A group calling itself the Eastern Brigade said it would free seven hostages it has kept since October if their employer leaves the country.", "seven", "captured", "Iraq"),
	}
	ss := Build(rs)
	if len(ss) != 2 {
		t.Fatalf("series %s", keys(ss))
	}
	for _, s := range ss {
		if s.Kind != KindIncident || s.Label != "kidnapping" || len(s.Conflicts()) != 0 {
			t.Errorf("%s: kind %q label %q, %d conflicts", s.Key, s.Kind, s.Label, len(s.Conflicts()))
		}
	}
	// The same kidnapping, reported again two days on, is one incident.
	rs = append(rs, said(3, "c", "2004-11-13", "police", "Police said the 10 hostages seized near the capital on Thursday were still held by the militants.", "10", "captured", "Iraq"))
	if got := keys(Build(rs)); got != "Iraq/captured#kidnapping-2004-11-11:2 Iraq/captured#kidnapping-2004-11-13:1" {
		t.Errorf("series %s", got)
	}
}

// A story that gives an incident's whole toll so far gives its smaller
// figures for the same incident as parts of it: shown, never compared.
func TestPartsOfWholeToll(t *testing.T) {
	rs := []Report{
		said(1, "a", "2024-08-05", "the health ministry", "The protests have so far left 101 people dead, the health ministry said as the curfew was extended on Monday.", "101", "killed", "Bangladesh"),
		said(2, "a", "2024-08-05", "district police", "District police said 13 officers were beaten to death in the northern town during the protests.", "13", "killed", "Bangladesh"),
		said(3, "b", "2024-08-05", "hospital officials", "Hospital officials said 98 people had died in the protests.", "98", "killed", "Bangladesh"),
	}
	ss := Build(rs)
	if len(ss) != 1 || ss[0].Kind != KindIncident {
		t.Fatalf("series %s", keys(ss))
	}
	s := ss[0]
	for i := range s.Claims {
		c := &s.Claims[i]
		if c.Aside() != (c.NumberText == "13") {
			t.Errorf("%s: aside %v (scope %q)", c.NumberText, c.Aside(), c.Scope)
		}
	}
	if cs := s.Conflicts(); len(cs) != 1 || !strings.Contains(cs[0].Reason(), "98") {
		// 98 against 101 on one day, from independent sources: that one
		// is a conflict; 13 is not.
		var rs []string
		for _, c := range cs {
			rs = append(rs, c.Reason())
		}
		t.Errorf("conflicts %q", rs)
	}
}

// A headline naming no event joins the incident its story reports, and
// "Gaza" and "Gaza Strip" are one place: five soldiers killed in one day's
// combat are not compared with the army's running total since 2023.
func TestIncidentBesideRunningTotal(t *testing.T) {
	rs := []Report{
		withLocation(inHeadline(said(1, "a", "2025-07-08", "the publisher", "Army announces deaths of five soldiers in Gaza", "five", "killed", "Israel")), "Gaza"),
		withLocation(said(2, "a", "2025-07-08", "the military", "Five soldiers died in combat in the north of the Gaza Strip on Monday, the military said.", "Five", "killed", "Israel"), "Gaza Strip"),
		withLocation(said(3, "a", "2025-07-08", "the army", "Nearly 890 soldiers have died in Gaza since October 2023, according to army figures.", "Nearly 890", "killed", "Israel"), "Gaza"),
		withLocation(said(4, "b", "2025-07-08", "officials", "Officials said 14 people were killed in an air strike on Khan Younis.", "14", "killed", "Israel"), "Khan Younis"),
	}
	ss := Build(rs)
	got := keys(ss)
	if !strings.Contains(got, "Israel/killed/Gaza:1") || !strings.Contains(got, "Israel/killed/Gaza#fighting-2025-07-08:1") {
		t.Fatalf("series %s", got)
	}
	if s := Find(ss, Key{Counted: "Israel", Measure: "killed", Location: "Gaza", Part: "fighting-2025-07-08"}); len(s.Claims[0].Reports) != 2 {
		t.Errorf("the headline and its body: %d reports", len(s.Claims[0].Reports))
	}
	for _, s := range ss {
		if n := len(s.Conflicts()); n != 0 {
			t.Errorf("%s: %d conflicts", s.Key, n)
		}
	}
}
