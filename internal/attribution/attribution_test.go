package attribution

import (
	"strings"
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/figures"
	"github.com/tally-news/tally/internal/sentences"
	"github.com/tally-news/tally/internal/tokens"
)

// attribute runs figures and attribution over text published on
// 2024-12-23 (a Monday) and returns "number|source|via|date" per figure.
func attribute(text string) string {
	d := New(claim.Document{ID: "t", Text: text, Published: "2024-12-23"}, nil)
	var out []string
	var ctx figures.Context
	for _, s := range sentences.Split(text, 0, len(text)) {
		toks := tokens.Tokenize(text, s.Start, s.End)
		ms := figures.Find(toks, &ctx)
		for i, a := range d.Sentence(text, toks, ms) {
			out = append(out, text[ms[i].Start:ms[i].End]+"|"+a.Source+"|"+a.Via+"|"+a.Date)
		}
	}
	return strings.Join(out, "; ")
}

// Texts written for these tests in the style of wire reports.
func TestSources(t *testing.T) {
	tests := []struct{ in, want string }{
		// X said ...; ..., X said.
		{"More than 1,000 soldiers have been killed, South Korea's Joint Chiefs of Staff said on Monday.",
			"More than 1,000|Joint Chiefs of Staff (South Korea)||2024-12-23"},
		{"The Health Ministry said 18 people were killed in the strike.", "18|Health Ministry||"},
		// Inverted and according to.
		{"At least 40 people died, said the UN refugee agency.", "At least 40|UNHCR||"},
		{"Five civilians were wounded, according to the UN Human Rights Monitoring Mission in Ukraine.", "Five|OHCHR||"},
		// Descriptions and metonyms.
		{"Seoul's spy agency said 300 soldiers had died.", "300|National Intelligence Service (South Korea)||"},
		// In-document acronyms.
		{"The International Organization for Migration (IOM) gave no figure. IOM said 24 corpses were found.", "24|IOM||"},
		// Carry-over: it added, the agency said.
		{"The UN refugee agency said on Friday that the border was open. It added that 5,000 refugees had crossed.", "5,000|UNHCR||"},
		// A figure in the article's own voice.
		{"Floods killed 12 people in the north.", "12|the publisher||"},
		// Relay: a lawmaker passing on an agency's briefing.
		{"Lawmaker Lee Seong-kweun said the National Intelligence Service told a briefing that 300 soldiers were killed.",
			"300|National Intelligence Service (South Korea)|Lee Seong-kweun|"},
		// A quote and its speaker.
		{"\"We assess that they suffered 1,100 casualties,\" the South Korean military said in a statement.",
			"1,100|Joint Chiefs of Staff (South Korea)||"},
		// A circumstance after the verb, and a post "to" a body.
		{"More than 12,000 troops have been sent to the front, U.S. Deputy Ambassador to the United Nations Karen Holt said at a U.N. Security Council meeting last week.",
			"More than 12,000|Karen Holt||"},
		// A fronted participial phrase belongs to the main clause's speaker.
		{"Counting an estimated 300 lives lost at sea this week, the IOM believes the year's toll stands at 1,200 migrants.",
			"an estimated 300|IOM||; 1,200|IOM||"},
		// Who was told reports it.
		{"\"Over the past week, the IOM has been told of 400 migrants dying when a dinghy sank,\" a spokesman said.",
			"400|IOM||"},
		// A name with "for" inside, and its acronym in brackets.
		{"The 28 survivors reached port, the International Organisation for Migration (IOM) said. Some 24 bodies were found, it added.",
			"Some 24|IOM||"},
		// A bare role noun takes the country of the sources quoted.
		{"Ukraine's commanders put the Russian casualty count since February at 700,000, and the defence ministry estimated that 500,000 of them were wounded.",
			"700,000|General Staff of the Armed Forces of Ukraine||; 500,000|Ministry of Defence of Ukraine||"},
		// A generic source in "accounts from", cut before its "of".
		{"The spokesman passed on accounts from local authorities of strikes in the south that killed more than nine people.",
			"more than nine|local authorities||"},
		// "the UN agency" refers back to the UN body quoted.
		{"Two people were killed, according to the UN Human Rights Monitoring Mission in Ukraine. In total, 232 people were killed in June, according to data from the UN agency.",
			"Two|OHCHR||; 232|OHCHR||"},
		// A participle's complement is not its speaker; "and said" is the
		// subject's; "accused of" is a charge.
		{"Rebels freed two soldiers they had held for months, saying they wanted to build confidence.", "two|the publisher||"},
		{"JAKARTA - Police showed a photo of the truck outside the embassy and said two suicide bombers killed nine people.", "nine|Police||"},
		{"A lawyer for one of three Americans accused of torturing a dozen prisoners showed a video in court.", "a dozen|the publisher||"},
		// A vague number with no clause is background in the article's voice.
		{"More than 3,000 soldiers have been killed or wounded, the president said. Pyongyang has dispatched thousands of troops to the front.",
			"More than 3,000|president||; thousands|the publisher||"},
		// A passage of figures continues its figures' source, not one
		// named in between about something else.
		{"Almost 700,000 people have fled since the coup, OCHA said. The army has burned villages, according to rights groups. This comes on top of an estimated 346,000 people displaced before the coup.",
			"Almost 700,000|OCHA||; an estimated 346,000|OCHA||"},
		// "its data" is the outer clause's source, not the last one.
		{"Volker Turk said 30 people were killed. Separately, the UN migration agency reported that its data showed millions of refugees need help.",
			"30|Volker Turk||; millions|IOM||"},
		// Data with no owner are the speaker's.
		{"In a post on X, the president wrote: \"Initial data show that the count of soldiers killed or wounded has gone past 3,000.\"", "3,000|president||"},
		// A quoted name before the verb is the source, not what follows.
		{"A group calling itself \"The Islamic Army in Iraq\" said Italy must withdraw its 3,000 troops.", "3,000|Islamic Army in Iraq||"},
		// An aside about the subject between commas is background.
		{"The wreckage of a navy helicopter, which disappeared with four crew members on board, has been found, the ministry says.", "four|the publisher||"},
		// A time between the source and its verb; "claimed to have killed".
		{"The US military last week claimed to have killed around 100 militants in the city.", "around 100|U.S. military||"},
		{"Police on Monday said 14 people had died in the fire.", "14|Police||2024-12-23"},
		// A source noun keeps its place: "forces in Afghanistan".
		{"Coalition forces in Afghanistan say that three people were killed at a checkpoint.", "three|Coalition forces in Afghanistan||"},
		// Hearsay without a speaker, and a toll "claimed", are no source.
		{"Air strikes are said to have killed at least 44 people in the city.", "at least 44|the publisher||"},
		{"The typhoon claimed 25 lives across the islands.", "25|the publisher||"},
		// A compound word ending in a reporting verb is no report.
		{"Two men were gored to death during the bull-run in Pamplona.", "Two|the publisher||"},
		// Not what the clause says.
		{"A bomb outside the embassy injured 10 people, but officials say they have no clues.", "10|the publisher||"},
	}
	for _, tc := range tests {
		if got := attribute(tc.in); got != tc.want {
			t.Errorf("%q\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

func TestHedged(t *testing.T) {
	text := "\"We assess that the troops suffered around 1,100 casualties,\" the military said."
	d := New(claim.Document{ID: "t", Text: text}, nil)
	toks := tokens.Tokenize(text, 0, len(text))
	ms := figures.Find(toks, nil)
	as := d.Sentence(text, toks, ms)
	if len(as) != 1 || !as[0].Hedged {
		t.Fatalf("want one hedged figure, got %+v", as)
	}
}

func TestOutletName(t *testing.T) {
	for in, want := range map[string]string{
		"NHK television":         "NHK",
		"public broadcaster NHK": "NHK",
		"the daily Asahi":        "Asahi",
		"Iraqi television":       "",
		"the ministry":           "",
		"NHK":                    "",
		"state news agency SANA": "SANA",
	} {
		if got := outletName(in); got != want {
			t.Errorf("outletName(%q) = %q, want %q", in, got, want)
		}
	}
}
