package pipeline_test

import (
	"testing"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
)

// TestAnaphora: "the ministry said", "the agency added", "he said" take
// the last source the description fits, not whichever came last.
func TestAnaphora(t *testing.T) {
	for _, c := range []struct{ name, text, number, source string }{
		{"ministry after police", "Blast in market\nPolice said 12 people died at the scene. The toll later rose to 20, the ministry said.", "20", "ministry"},
		{"agency after a person", "Camps overflow\nThe UN refugee agency said 3,000 people crossed on Monday. Governor Ali Musa said 40 boats arrived. Another 2,500 refugees fled across the border on Tuesday, the agency added.", "2,500", "UNHCR"},
		{"he after a body", "Clashes in the north\nDefence Minister Omar Haddad said 30 soldiers were killed. The army said 12 were wounded. He said 9 more were missing.", "9", "Omar Haddad"},
		{"it after a person", "Floods spread\nThe Red Cross said 400 homes were destroyed. Its director, Maria Lopez, spoke in Geneva. It said 1,200 people had been evacuated.", "1,200", "ICRC"},
		{"military after ministry", "Border fighting\nThe health ministry said 14 civilians were killed. The military said 31 militants were killed in the operation. The military said another 6 were captured.", "6", "military"},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := claim.Document{ID: "t", Published: "2025-03-04", Text: c.text}
			f := gotFig(pipeline.ExtractWith(doc, pipeline.Options{Explain: true}), c.number)
			if f == nil {
				t.Fatalf("%q: no figure %q", c.text, c.number)
			}
			if f.Source != c.source {
				t.Errorf("%q: %q from %q (%s), want %q", c.text, c.number, f.Source, f.Explain.Source, c.source)
			}
		})
	}
}
