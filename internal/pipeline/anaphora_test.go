package pipeline_test

import (
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
)

// TestAnaphora: "the ministry said", "the agency added", "he said" take
// the last source the description fits, not whichever came last.
func TestAnaphora(t *testing.T) {
	checkSources(t, []sourceCase{
		{"ministry after police", "Blast in market\nPolice said 12 people died at the scene. The toll later rose to 20, the ministry said.", "20", "ministry"},
		{"agency after a person", "Camps overflow\nThe UN refugee agency said 3,000 people crossed on Monday. Governor Ali Musa said 40 boats arrived. Another 2,500 refugees fled across the border on Tuesday, the agency added.", "2,500", "UNHCR"},
		{"he after a body", "Clashes in the north\nDefence Minister Omar Haddad said 30 soldiers were killed. The army said 12 were wounded. He said 9 more were missing.", "9", "Omar Haddad"},
		{"it after a person", "Floods spread\nThe Red Cross said 400 homes were destroyed. Its director, Maria Lopez, spoke in Geneva. It said 1,200 people had been evacuated.", "1,200", "ICRC"},
		{"military after ministry", "Border fighting\nThe health ministry said 14 civilians were killed. The military said 31 militants were killed in the operation. The military said another 6 were captured.", "6", "military"},
	})
}

// TestListPoints: bullet points after a sentence that names whose
// findings they are take that source; the list ends at the first line
// that is not a point.
func TestListPoints(t *testing.T) {
	text := "Floods in numbers\n" +
		"Here are the main figures from the World Food Programme's latest assessment.\n" +
		"- At least 1,200 people have died since June.\n" +
		"- Some 350,000 people have been displaced.\n" +
		"Aid agencies say the rains will go on.\n" +
		"Another 40 people died on Sunday.\n"
	doc := claim.Document{ID: "t", Published: "2025-03-04", Text: text}
	figs := pipeline.ExtractWith(doc, pipeline.Options{Explain: true})
	for _, c := range []struct{ number, source string }{
		{"At least 1,200", "World Food Programme"},
		{"Some 350,000", "World Food Programme"},
		{"40", claim.Publisher},
	} {
		f := gotFig(figs, c.number)
		if f == nil {
			t.Errorf("no figure %q", c.number)
			continue
		}
		if f.Source != c.source {
			t.Errorf("%q from %q (%s), want %q", c.number, f.Source, f.Explain.Source, c.source)
		}
	}
	text = "Crackdown: key findings\nBelow are the findings of a report by Amnesty International, released on Monday:\n" +
		"• Security forces detained at least 4,000 protesters in three weeks.\n" +
		"• 85 of those held remain missing.\n"
	figs = pipeline.ExtractWith(claim.Document{ID: "t2", Published: "2025-03-04", Text: text}, pipeline.Options{Explain: true})
	if f := gotFig(figs, "at least 4,000"); f == nil || f.Source != "Amnesty International" {
		t.Errorf("list of a report by Amnesty International: got %+v", f)
	}
}

// TestOtherTime: a sentence that opens on another time tells of another
// episode in the article's voice; the source quoted before does not
// carry into it, though it carries into the next figures of its run.
func TestOtherTime(t *testing.T) {
	checkSources(t, []sourceCase{
		{"last month", "Boat sinks off coast\nAt least 30 migrants drowned when their boat sank, an IOM spokesperson said. Another 12 are missing. Last month, a boat carrying 80 people capsized, leaving 45 dead.", "45", claim.Publisher},
		{"earlier this year", "Quake strikes\nThe disaster agency said 112 people were killed in the quake. Earlier this year, floods in the same province killed 60 people.", "60", claim.Publisher},
		{"in 2019", "Clashes in the delta\nThe army said it had killed 25 militants. In 2019, similar raids left 300 people dead.", "300", claim.Publisher},
		{"run goes on", "Boat sinks off coast\nAt least 30 migrants drowned when their boat sank, an IOM spokesperson said. Another 12 are missing.", "12", "IOM"},
	})
}

// TestPersonNamed: "he" is the person a sentence named, though that
// sentence reported nothing; "adding that" speaks with its verb's
// subject.
func TestPersonNamed(t *testing.T) {
	checkSources(t, []sourceCase{
		{"adding that", "Clashes in capital\nInterior Minister John Otieno rejected the figures. \"These numbers are invented,\" he told reporters, adding that 64 police officers had been injured.", "64", "John Otieno"},
		{"he told", "Storm aftermath\nGovernor Maria Santos toured the flooded district on Sunday. She told reporters that 31 people had died.", "31", "Maria Santos"},
		{"not a nationality", "Boat capsizes\nThe coast guard said 12 bodies were found. The Italian navy joined the search. It said 40 people were missing.", "40", "coast guard"},
	})
}

// TestSharedSubject: a sentence with no figure whose reporting verb shares
// its subject ("did not comment but said") names the source "it" means.
func TestSharedSubject(t *testing.T) {
	text := "Clashes in the north\nThe monitors said 12 soldiers died. The army did not comment on the report but said its forces had destroyed 12 tanks. It said 40 militants had been killed."
	f := gotFig(pipeline.ExtractWith(claim.Document{ID: "t", Published: "2025-03-04", Text: text}, pipeline.Options{Explain: true}), "40")
	if f == nil || f.Source != "army" {
		t.Errorf("40 militants: got %+v, want the army's", f)
	}
}

// sourceCase is a short text of our own and the source a figure in it
// must take.
type sourceCase struct{ name, text, number, source string }

func checkSources(t *testing.T, cases []sourceCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := gotFig(pipeline.ExtractWith(claim.Document{ID: "t", Published: "2025-03-04", Text: c.text}, pipeline.Options{Explain: true}), c.number)
			if f == nil {
				t.Fatalf("%q: no figure %q", c.text, c.number)
			}
			if f.Source != c.source {
				t.Errorf("%q: %q from %q (%s), want %q", c.text, c.number, f.Source, f.Explain.Source, c.source)
			}
		})
	}
}
