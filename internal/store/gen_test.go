package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/tally-news/tally/internal/claim"
)

// Generated ledgers for the concurrency, crash and benchmark tests: many
// distinct documents, each with figures spread over many series, sources
// and dates, in sentences varied enough that documents are not
// near-duplicates of one another.

// genCounted × the 11 measures gives the series: 910 × 11 = 10,010.
const genCounted = 910

const genSources = 500

var genMeasures = []string{claim.Killed, claim.Wounded, claim.Casualties, claim.Captured, claim.Missing,
	claim.Deployed, claim.Displaced, claim.Refugees, claim.Arrested, claim.Evacuated, claim.Supplied}

var genVerbs = map[string]string{
	claim.Killed: "were killed", claim.Wounded: "were wounded", claim.Casualties: "were killed or wounded",
	claim.Captured: "were taken prisoner", claim.Missing: "are missing", claim.Deployed: "were deployed",
	claim.Displaced: "fled their homes", claim.Refugees: "sought asylum", claim.Arrested: "were arrested",
	claim.Evacuated: "were evacuated", claim.Supplied: "shells were delivered",
}

var genCues = []string{"said", "reported", "told reporters", "announced", "estimated"}

// genWord is a pseudo-word: filler text that differs between documents.
func genWord(r *rand.Rand) string {
	const syl = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu"
	parts := strings.Fields(syl)
	n := 2 + r.IntN(2)
	var b strings.Builder
	for range n {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

// genDoc makes document i with nfigs figures; the same i always gives the
// same document.
func genDoc(i, nfigs int) (claim.Document, []claim.Figure) {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%1100)
	published := day.Format("2006-01-02")
	doc := claim.Document{
		ID:        fmt.Sprintf("gen-%07d", i),
		URL:       fmt.Sprintf("https://news%d.example.org/story/%d", i%37, i),
		Title:     fmt.Sprintf("Story %d: %s %s", i, genWord(r), genWord(r)),
		Publisher: fmt.Sprintf("Outlet %d", i%37),
		Published: published,
	}
	var text strings.Builder
	filler := func() {
		n := 10 + r.IntN(8)
		w := make([]string, n)
		for k := range w {
			w[k] = genWord(r)
		}
		w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
		text.WriteString(strings.Join(w, " ") + ".\n")
	}
	filler()
	figs := make([]claim.Figure, 0, nfigs)
	for k := 0; k < nfigs; k++ {
		measure := genMeasures[r.IntN(len(genMeasures))]
		counted := fmt.Sprintf("Country %03d", r.IntN(genCounted))
		source := fmt.Sprintf("Agency %03d", r.IntN(genSources))
		value := float64(1 + r.IntN(20000))
		number := fmt.Sprintf("%d", int(value))
		cue := genCues[r.IntN(len(genCues))]
		sent := fmt.Sprintf("In %s, %s people from %s %s, %s %s on day %d.", genWord(r), number, counted,
			genVerbs[measure], source, cue, k)
		start := text.Len()
		text.WriteString(sent + "\n")
		off := start + strings.Index(sent, number)
		date := day.AddDate(0, 0, -r.IntN(3)).Format("2006-01-02")
		f := claim.Figure{
			Doc: doc.ID, Sentence: sent, Span: [2]int{off, off + len(number)}, NumberText: number,
			Value: &value, Low: &value, High: &value, Qualifier: claim.Exact, Measure: measure,
			Subject: "people from " + counted, Counted: &counted, Source: source, SourceText: source,
			Cue: cue, Date: &date, Hedged: k%3 == 0, SentenceSpan: [2]int{start, start + len(sent)},
		}
		if k%4 == 0 {
			f.Date = nil // dated by the document
		}
		figs = append(figs, f)
		if k%2 == 1 {
			filler()
		}
	}
	filler()
	doc.Text = text.String()
	return doc, figs
}
