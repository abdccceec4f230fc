package scope

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
)

// fig makes a figure of sentence s whose number phrase is the first
// occurrence of num (marked, when it occurs twice, by a leading '@').
func fig(s, num string) claim.Figure {
	at := strings.Index(s, "@"+num)
	if at >= 0 {
		s = s[:at] + s[at+1:]
	} else {
		at = strings.Index(s, num)
	}
	return claim.Figure{Sentence: s, NumberText: num, Span: [2]int{100 + at, 100 + at + len(num)}, SentenceSpan: [2]int{100, 100 + len(s)}}
}

func TestOf(t *testing.T) {
	for _, tc := range []struct {
		sentence, num string
		scope, label  string
	}{
		// Incidents, labelled by the nearest event.
		{"A car bomb exploded near a police patrol in the capital on Thursday, killing 17 people and wounding 20, police said.", "17", claim.ScopeIncident, "bombing"},
		{"Suicide Bomber Kills 21 Soldiers", "21", claim.ScopeIncident, "bombing"},
		{"The death toll from the earthquake rose to 3,100 on Friday, officials said.", "3,100", claim.ScopeIncident, "quake"},
		{"At least 24 migrants are presumed dead after their boat capsized off the coast.", "At least 24", claim.ScopeIncident, "shipwreck"},
		{"Two people were killed in clashes between troops and militants in the north.", "Two", claim.ScopeIncident, "fighting"},
		{"Heavy fighting in the suburb killed 36 people on Tuesday.", "36", claim.ScopeIncident, "fighting"},
		{"Floods have displaced nearly 40,000 people across six districts.", "nearly 40,000", claim.ScopeIncident, "flood"},
		{"At least 300 people have died since the quake struck on Monday.", "At least 300", claim.ScopeIncident, "quake"},
		{"Five Israeli soldiers died in combat in the north of the Gaza Strip on Tuesday.", "Five", claim.ScopeIncident, "fighting"},
		{"Five soldiers died in combat in the north on Tuesday, while talks on a truce that has proved elusive went on.", "Five", claim.ScopeIncident, "fighting"},
		{"Militants purportedly killed two American hostages on Tuesday.", "two", claim.ScopeIncident, "kidnapping"},
		{"Gunmen abducted 12 aid workers near the border, officials said.", "12", claim.ScopeIncident, "kidnapping"},
		// Running totals.
		{"More than 1,500 people have been kidnapped since 2014, the monitors said.", "More than 1,500", claim.ScopeCumulative, ""},
		{"Nearly 890 soldiers have died in combat since October 2023, the army said.", "Nearly 890", claim.ScopeCumulative, ""},
		{"More than 1,000 soldiers have been killed or wounded fighting alongside Russian troops, the military said.", "More than 1,000", "", ""},
		{"Around 100,000 civilians have been killed in violence since the invasion in March last year, a study said.", "Around 100,000", claim.ScopeCumulative, ""},
		{"Deaths in the war on the territory passed 7,000 on Thursday, the health ministry said.", "7,000", claim.ScopeCumulative, ""},
		{"Police have detained 58,000 people so far under the emergency rules.", "58,000", claim.ScopeCumulative, ""},
		{"A total of 1,100 people have been taken into custody, the ministry said.", "1,100", claim.ScopeCumulative, ""},
		// Closed periods.
		{"The forces lost more than 2,000 men in a single day, the general staff said.", "more than 2,000", claim.ScopePeriod, "day"},
		{"The islands are receiving 1,000 refugees a day on average.", "1,000", claim.ScopePeriod, "day"},
		{"Some 232 civilians were killed in June, the monitors said.", "Some 232", claim.ScopePeriod, "june"},
		{"In total, June saw 232 people killed and 1,343 others wounded.", "232", claim.ScopePeriod, "june"},
		{"In all, 6,754 civilians were killed or wounded in the first six months of 2025, the monitors said.", "6,754", claim.ScopePeriod, "2025"},
		{"Some 900 people were detained over the past three weeks, the group said.", "900", claim.ScopePeriod, "week"},
		{"He said last month that more than 350 migrants had died so far this year.", "more than 350", claim.ScopePeriod, "year"},
		// "others" after another number is the whole count of its measure.
		{"Gunmen killed 12 villagers and wounded 30 others on Sunday.", "30", claim.ScopeIncident, "shooting"},
		// Subsets.
		{"The blast killed 50 people, including 20 children, officials said.", "20", claim.ScopeSubset, "explosion"},
		{"The blast killed 50 people, 20 of them children.", "20", claim.ScopeSubset, "explosion"},
		{"Gunmen killed 12 villagers, among them three women.", "three", claim.ScopeSubset, "shooting"},
		{"Five children were among the dead, the hospital said.", "Five", claim.ScopeSubset, ""},
		{"The storm killed 3,000 of the 12,000 people living on the island.", "3,000", claim.ScopeSubset, "storm"},
		{"It added that three others died and two were badly wounded in the same incident.", "three", claim.ScopeSubset, ""},
		{"Rescuers found 12 more bodies in the rubble on Friday.", "12", claim.ScopeSubset, ""},
		// Not subsets: a vague word's partitive, a plain count.
		{"Thousands of people fled the floods.", "Thousands", claim.ScopeIncident, "flood"},
		{"The blast killed @50 people.", "50", claim.ScopeIncident, "explosion"},
		// Background.
		{"It was the deadliest attack since 2004, when 300 people died in a bombing.", "300", claim.ScopeBackground, "bombing"},
		{"A similar attack killed 12 people in the same market.", "12", claim.ScopeBackground, "attack"},
		{"That is up 54 per cent on the same stretch of 2024, a period in which 4,381 civilian casualties were recorded.", "4,381", claim.ScopeBackground, ""},
		// Nothing decides.
		{"Officials say 10 people have been killed.", "10", "", ""},
	} {
		f := fig(tc.sentence, tc.num)
		got := Of(&f)
		if got.Scope != tc.scope || got.Label != tc.label {
			t.Errorf("%q in %q: got %+v, want scope %q label %q", tc.num, tc.sentence, got, tc.scope, tc.label)
		}
	}
}

// Whole: the sentence gives its count as the whole so far.
func TestWhole(t *testing.T) {
	for _, tc := range []struct {
		sentence, num string
		want          bool
	}{
		{"The death toll from the earthquake rose to 3,100 on Friday, officials said.", "3,100", true},
		{"The unrest has so far left 101 people dead and hundreds injured.", "101", true},
		{"A total of 300 people were killed in the attacks.", "300", true},
		{"The toll reached 21 on Wednesday.", "21", true},
		{"Thirteen police officers were beaten to death in Sirajganj.", "Thirteen", false},
		{"A car bomb killed 17 people, police said.", "17", false},
	} {
		f := fig(tc.sentence, tc.num)
		if got := Of(&f).Whole; got != tc.want {
			t.Errorf("%q in %q: whole %v, want %v", tc.num, tc.sentence, got, tc.want)
		}
	}
}

// A scope set by extraction is kept; the label is still read.
func TestOfKeepsExtraction(t *testing.T) {
	f := fig("A car bomb killed 17 people, including 5 children.", "17")
	f.Scope = claim.ScopeCumulative
	if got := Of(&f); got.Scope != claim.ScopeCumulative || got.Label != "bombing" {
		t.Errorf("got %+v", got)
	}
}

// Spans that do not match the sentence fall back to searching for the
// number phrase; nothing panics on odd input.
func TestOfOddInput(t *testing.T) {
	for _, f := range []claim.Figure{
		{},
		{Sentence: "x", NumberText: "17", Span: [2]int{-5, 99}},
		{Sentence: "Bombs killed 17.", NumberText: "17", Span: [2]int{0, 2}, SentenceSpan: [2]int{40, 56}},
		{Sentence: "— – “17” ,,, (", NumberText: "17"},
	} {
		_ = Of(&f)
	}
	f := claim.Figure{Sentence: "Bombs killed 17.", NumberText: "17", Span: [2]int{0, 2}, SentenceSpan: [2]int{40, 56}}
	if got := Of(&f); got.Scope != claim.ScopeIncident {
		t.Errorf("searched figure: %+v", got)
	}
}

func TestEvent(t *testing.T) {
	for in, want := range map[string]string{
		"Flood toll rises to 21":                      "flood",
		"Car Bomb Kills 11 Near Green Zone":           "bombing",
		"North Korean troops suffer first losses":     "",
		"War on Gaza: deaths pass 7,000 after attack": "",
		"": "",
	} {
		if got := Event(in); got != want {
			t.Errorf("Event(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompatible(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"bombing", "bombing", true}, {"attack", "bombing", true}, {"shooting", "attack", true},
		{"bombing", "explosion", true}, {"bombing", "quake", false}, {"attack", "flood", false},
		{"airstrike", "bombing", false}, {"", "", true}, {"", "attack", false},
	} {
		if got := Compatible(tc.a, tc.b); got != tc.want {
			t.Errorf("Compatible(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func FuzzOf(f *testing.F) {
	f.Add("A car bomb killed 17 people, including 5 children.", "17", 10, 0)
	f.Add("— ’ 17,000,, of the", "17,000", -3, 2)
	f.Fuzz(func(t *testing.T, s, num string, a, b int) {
		fg := claim.Figure{Sentence: s, NumberText: num, Span: [2]int{a, a + len(num)}, SentenceSpan: [2]int{b, b + len(s)}}
		r := Of(&fg)
		switch r.Scope {
		case "", claim.ScopeIncident, claim.ScopeCumulative, claim.ScopePeriod, claim.ScopeSubset, claim.ScopeBackground:
		default:
			t.Fatalf("scope %q", r.Scope)
		}
	})
}
