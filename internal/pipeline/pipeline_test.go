package pipeline_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/document"
	"github.com/tally-news/tally/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.jsonl from the current extractor")

const (
	seedPath   = "../../testdata/seed.txt"
	goldenPath = "testdata/seed.golden.jsonl"
	// devDocs is shared/corpus/dev beside the repository; absent in a
	// checkout without shared/.
	devDocs = "../../../shared/corpus/dev/docs.jsonl"
)

// seedDoc is the reference article as shared/corpus/dev gives it.
func seedDoc(t testing.TB) claim.Document {
	t.Helper()
	text, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	return claim.Document{ID: "seed", Publisher: "The Moscow Times", Published: "2024-12-23", Text: string(text)}
}

// encodeJSONL writes figures as `tally extract` prints them.
func encodeJSONL(figs []claim.Figure) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := range figs {
		if err := enc.Encode(&figs[i]); err != nil {
			panic(err) // a Figure always encodes
		}
	}
	return b.Bytes()
}

// TestSeedGolden records what the extractor makes of the seed article, so
// that any change to it shows up as a diff to review. Regenerate with
//
//	go test ./internal/pipeline -run TestSeedGolden -update
func TestSeedGolden(t *testing.T) {
	got := encodeJSONL(pipeline.ExtractWith(seedDoc(t), pipeline.Options{}))
	if *update {
		if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Errorf("line %d differs from %s:\ngot:  %s\nwant: %s", i+1, goldenPath, g, w)
		}
	}
	t.Log("if the change is right, rerun with -update and review the diff")
}

// TestSeedSpec is what the product must make of the seed article
// (DESIGN.md: "All of it must come out right"): four figures, each
// counting North Korean soldiers, and none of the traps (calibres, the
// $2 donation appeal).
func TestSeedSpec(t *testing.T) {
	figs := pipeline.ExtractWith(seedDoc(t), pipeline.Options{})
	for _, f := range figs {
		t.Logf("%q %s %s value=%s counted=%s source=%q", f.NumberText, f.Qualifier, f.Measure, fmtNum(f.Value), fmtStr(f.Counted), f.Source)
	}

	type want struct {
		qualifier, measure string
		value              *float64 // nil: null
	}
	wants := []want{
		{claim.Min, claim.Casualties, num(1000)},
		{claim.Min, claim.Killed, num(100)},
		{claim.Approx, claim.Casualties, num(1100)},
		{claim.Vague, claim.Deployed, nil},
	}
	if len(figs) != len(wants) {
		t.Errorf("got %d figures, want exactly %d", len(figs), len(wants))
	}
	for i := 0; i < len(figs) && i < len(wants); i++ {
		f, w := figs[i], wants[i]
		if f.Qualifier != w.qualifier || f.Measure != w.measure || fmtNum(f.Value) != fmtNum(w.value) {
			t.Errorf("figure %d %q: got %s %s value=%s, want %s %s value=%s", i+1, f.NumberText,
				f.Qualifier, f.Measure, fmtNum(f.Value), w.qualifier, w.measure, fmtNum(w.value))
		}
	}
	for i, f := range figs {
		if f.Counted == nil || *f.Counted != "North Korea" {
			t.Errorf("figure %d %q: counted %s, want \"North Korea\"", i+1, f.NumberText, fmtStr(f.Counted))
		}
		for _, trap := range []string{"240", "170", "$2", "2"} {
			if strings.Contains(f.NumberText, trap) {
				t.Errorf("figure %d %q: a trap (%q) taken for a figure", i+1, f.NumberText, trap)
				break
			}
		}
	}
}

func num(v float64) *float64 { return &v }

func fmtNum(v *float64) string {
	if v == nil {
		return "null"
	}
	b, _ := json.Marshal(*v)
	return string(b)
}

func fmtStr(s *string) string {
	if s == nil {
		return "null"
	}
	return `"` + *s + `"`
}

// checkOffsets fails when a figure's offsets do not point at its text:
// the evidence view highlights text[span] inside text[sentence_span].
func checkOffsets(t *testing.T, doc claim.Document, figs []claim.Figure) {
	t.Helper()
	text := doc.Text
	for i, f := range figs {
		s, ss := f.Span, f.SentenceSpan
		switch {
		case s[0] < 0 || s[0] > s[1] || s[1] > len(text):
			t.Errorf("doc %q figure %d: span %v outside text of %d bytes", doc.ID, i, s, len(text))
		case ss[0] < 0 || ss[0] > ss[1] || ss[1] > len(text):
			t.Errorf("doc %q figure %d: sentence_span %v outside text of %d bytes", doc.ID, i, ss, len(text))
		case text[s[0]:s[1]] != f.NumberText:
			t.Errorf("doc %q figure %d: text[span %v] = %q, number_text %q", doc.ID, i, s, text[s[0]:s[1]], f.NumberText)
		case text[ss[0]:ss[1]] != f.Sentence:
			t.Errorf("doc %q figure %d: text[sentence_span %v] = %q, sentence %q", doc.ID, i, ss, text[ss[0]:ss[1]], f.Sentence)
		case s[0] < ss[0] || s[1] > ss[1]:
			t.Errorf("doc %q figure %d: span %v not inside sentence_span %v", doc.ID, i, s, ss)
		}
	}
}

// wire is a corpus of short wire-style paragraphs, written for these
// tests (not taken from any outlet): datelines, sources, hedges, ranges,
// vague counts, number words, and traps (money, calibres, ages, years).
var wire = []string{
	"KYIV, Ukraine (AP) — At least 14 people were killed and 52 wounded when a missile struck an apartment block overnight, regional Governor Oleh Petrenko said on Tuesday.",
	"GENEVA (Reuters) - More than 120,000 people have fled their homes since fighting flared in the east of the country, the U.N. refugee agency UNHCR said on Friday, warning the number could rise.",
	"PORT-AU-PRINCE, Haiti (AFP) - Gunmen kidnapped 17 missionaries, including five children, on Saturday, a security source told AFP.",
	"Police arrested 230 people during overnight protests in the capital, the interior ministry said, adding that 41 officers were injured.",
	"An estimated 2,500 troops have been deployed to the border region, according to two officials who spoke on condition of anonymity.",
	"The death toll from the earthquake rose to 1,312 on Wednesday, with hundreds still missing, the national disaster agency said.",
	"UNITED NATIONS (AP) — Between 8,000 and 10,000 civilians have been evacuated from the besieged city since Monday, U.N. humanitarian spokesman Jens Laerke said.",
	"The ministry said it had delivered 40 armoured vehicles and about 12,000 artillery shells worth $350 million, along with 155mm howitzers.",
	"Some 300 migrants were rescued off the coast and 27 others remain missing after their boat capsized, the coast guard said in a statement.",
	"Authorities said three soldiers were killed and a dozen wounded in an ambush near the town on Sunday, the army's spokesman told reporters.",
	"Dozens of people have been detained, rights group Amnesty International said, while the government put the number at 18.",
	"NAIROBI, Kenya (Reuters) - Floods have displaced nearly 40,000 people across six counties, the Kenya Red Cross said on Thursday.",
	"The 45-year-old driver and two passengers, aged 19 and 23, died at the scene in 2023, police said.",
	"Ukraine said it had captured two North Korean soldiers in the Kursk region, the first to be taken alive since Pyongyang sent up to 12,000 troops to Russia.",
	"More than 5 million Syrians are registered as refugees in neighbouring countries, according to the UN refugee agency.",
	"Hamas is holding some 100 hostages, Israeli officials said, of whom about a third are believed to be dead.",
	"Rescue workers recovered 11 bodies from the rubble, bringing the toll to 63, state media reported on Monday.",
	"The army said 1.5 million rounds of ammunition and 3k drones had been supplied so far this year.",
	"Fewer than 50 people were wounded in the clashes, a hospital official said, disputing the opposition's figure of 200.",
	"LONDON (AP) — Britain will send 650 more troops to Estonia, Defence Secretary Maria Hale said Thursday, raising its presence to around 1,600.",
	"BEIRUT (AFP) - Israeli strikes killed 22 people in southern Lebanon on Tuesday, the health ministry said, bringing the total since October to more than 3,000.",
}

func wireDocs() []claim.Document {
	docs := make([]claim.Document, len(wire))
	for i, p := range wire {
		docs[i] = claim.Document{ID: "wire" + string(rune('a'+i)), Published: "2025-01-27", Text: p}
	}
	return docs
}

// TestWireOffsets runs the hand-written wire paragraphs through the offset
// check, so that `go test` exercises more than the seed without fuzzing.
func TestWireOffsets(t *testing.T) {
	for _, d := range wireDocs() {
		checkOffsets(t, d, pipeline.Extract(d))
	}
}

// FuzzExtract: any text, the extractor must not panic, and every figure's
// offsets must point at its number phrase inside its sentence.
func FuzzExtract(f *testing.F) {
	f.Add(seedDoc(f).Text)
	for _, p := range wire {
		f.Add(p)
	}
	f.Add(strings.Join(wire[:4], "\n"))
	f.Add("")
	f.Add("1,000")
	f.Add("\"around 1,100 casualties,\" it said.\n\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		d := claim.Document{ID: "fuzz", Published: "2025-01-27", Text: text}
		checkOffsets(t, d, pipeline.Extract(d))
	})
}

// TestDevCorpus extracts every document of shared/corpus/dev, read as
// `tally extract` reads it: no panic, offsets consistent.
func TestDevCorpus(t *testing.T) {
	if _, err := os.Stat(devDocs); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not found (no shared/ beside the repository)", devDocs)
	}
	n := 0
	err := document.Read(devDocs, document.Options{}, func(d claim.Document) {
		n++
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("doc %q: panic: %v", d.ID, p)
				}
			}()
			checkOffsets(t, d, pipeline.Extract(d))
		}()
	}, func(err error) { t.Errorf("read %s: %v", devDocs, err) })
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Errorf("no documents in %s", devDocs)
	}
}

// BenchmarkExtract measures single-core extraction over the seed article
// and the wire paragraphs; MB/s comes from SetBytes, docs/s is reported
// beside it.
func BenchmarkExtract(b *testing.B) {
	benchExtract(b, append([]claim.Document{seedDoc(b)}, wireDocs()...))
}

// BenchmarkExtractCorpus measures single-core extraction over real news
// (shared/corpus/dev and the AG News pool beside the repository), whose
// density of figures is that of ordinary reporting rather than of the
// figure-packed seed and wire paragraphs. It skips without shared/.
func BenchmarkExtractCorpus(b *testing.B) {
	var docs []claim.Document
	for _, path := range []string{devDocs, "../../../shared/corpus/agnews/docs.jsonl"} {
		if _, err := os.Stat(path); err != nil {
			b.Skipf("%s not found (no shared/ beside the repository)", path)
		}
		if err := document.Read(path, document.Options{}, func(d claim.Document) { docs = append(docs, d) }, func(error) {}); err != nil {
			b.Fatal(err)
		}
	}
	benchExtract(b, docs)
}

// benchExtract extracts docs b.N times on one core, reporting MB/s and
// docs/s.
func benchExtract(b *testing.B, docs []claim.Document) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	size := 0
	for _, d := range docs {
		size += len(d.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			pipeline.Extract(d)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/time.Since(start).Seconds(), "docs/s")
}

// TestCounted holds whose people a figure counts, on sentences written for
// it: a nationality the sentence states beats the reporting military's own
// side; a bare number coordinated with a counted phrase shares it; the
// clause's subject counts its own casualties; migrants are a group.
func TestCounted(t *testing.T) {
	tests := []struct{ in, want string }{
		{"At least 300 soldiers from North Korea have been killed and 2,700 hurt, South Korea's spy agency said on Monday.",
			"At least 300=North Korea; 2,700=North Korea"},
		{"At least 300 soldiers that Pyongyang sent to Russia have died, the South Korean military said.",
			"At least 300=North Korea"},
		{"Two soldiers were killed in the ambush, the Israeli army said.", "Two=Israel"},
		{"For the first time, Russia's forces have sustained over 2,000 casualties in a day, according to the Ukrainian military.",
			"over 2,000=Russia"},
		{"Some 400 migrants drowned when their boat capsized south of Malta, the IOM said.", "Some 400=Migrants"},
		{"Twelve migrants from Morocco drowned off Spain, police said.", "Twelve=Morocco"},
		{"KYIV (AP) - Russian troops struck the city overnight with drones, leaving two dead in Kyiv.", "two=Ukraine"},
		// A dateline in capitals is the place, unless the lead says where
		// it happened.
		{"BAGHDAD (Reuters) - Gunmen killed three policemen at a checkpoint on Monday.", "three=Iraq"},
		{"WASHINGTON (AP) - Strikes killed 12 civilians in Ukraine overnight, the UN said.", "12=Ukraine"},
		// Refugees are counted by the country hosting them, unless the
		// phrase says where they come from.
		{"Chad, one of the poorest nations, was already hosting 588,000 refugees, the UN said.", "588,000=Chad"},
		{"Chad is hosting 300,000 refugees from Sudan, the UN said.", "300,000=Sudan"},
		// The place on the figure's own verb, not the sentence's first.
		{"At least 210 people died in Nepal, with 14 others killed in India, officials said.", "At least 210=Nepal; 14=India"},
		{"Rescuers found 30 bodies in Malawi, while 19 people drowned in Mozambique.", "30=Malawi; 19=Mozambique"},
		{"Floods left 64 people dead across Kenya and 12 missing near the Somali border.", "64=Kenya; 12=Kenya"},
		// In a story of one country's refugees, a host country is where
		// they are, not whose they are.
		{"Sudan war: refugees flee west\nMore than 500,000 refugees have fled Sudan since April. Chad has taken in more Sudanese than any other country and is now hosting some 600,000 refugees from the war.", "More than 500,000=Sudan; some 600,000=Sudan"},
		{"Venezuelans on the move\nSome 7 million refugees have fled Venezuela, the UN said. Colombia is hosting 2.8 million refugees.", "Some 7 million=Venezuela; 2.8 million=Venezuela"},
		{"Exodus from Myanmar\nThousands of Rohingya fled Myanmar this week. Bangladesh has received 40,000 refugees since Friday, officials said.", "Thousands=Myanmar; 40,000=Myanmar"},
		// A place naming the doer's action is not where it happened.
		{"80 Killed in U.S. Offensive in Iraq", "80=Iraq"},
		// Compass words between the preposition and the place.
		{"A coal mine explosion in northern China killed 33 people, the official news agency said.", "33=China"},
		// The country owning the losses.
		{"Zelensky said North Korea's December losses in Kursk Oblast had topped 3,000.", "topped 3,000=North Korea"},
		// "its" troops are the country's before it.
		{"A militant group said Italy must withdraw its 3,000 troops from Iraq.", "3,000=Italy"},
		// The flag of a firm is not the people's nationality.
		{"BAGHDAD - A mortar attack killed four employees of a British security firm in the Green Zone.", "four=Iraq"},
		// Asides with numbers do not cut the predicate.
		{"KABUL - At least eleven people, including two US citizens, were killed when a truck bomb exploded.", "At least eleven=Afghanistan; two=United States"},
		// Staff and troops of international bodies.
		{"Militants holding three UN workers hostage in Kabul extended their deadline.", "three=United Nations"},
		{"Gunmen seized two U.N. staff members near Kandahar, police said.", "two=United Nations"},
		{"The first of 3,000 African Union troops arrived in Darfur on Thursday.", "3,000=African Union"},
		// A figure that continues the last one counts its people.
		{"At least 100 North Korean soldiers were killed, the agency said. It added that about 1,000 more had been wounded.",
			"At least 100=North Korea; about 1,000=North Korea"},
	}
	for _, tc := range tests {
		figs := pipeline.Extract(claim.Document{ID: "t", Published: "2025-01-13", Text: tc.in})
		var got []string
		for _, f := range figs {
			got = append(got, f.NumberText+"="+fmtStr(f.Counted))
		}
		if g := strings.ReplaceAll(strings.Join(got, "; "), `"`, ""); g != tc.want {
			t.Errorf("%q\n got %s\nwant %s", tc.in, g, tc.want)
		}
	}
}

// TestDocumentSources holds the document-level source rules: a figure in
// the article's own voice restated elsewhere with a source takes it, and
// "the UN" is the one UN agency the article quotes.
func TestDocumentSources(t *testing.T) {
	text := "More than 1 million people displaced, says UN\n\n" +
		"Almost 700,000 people driven from their homes by the fighting since the coup.\n\n" +
		"Almost 700,000 people have had to abandon their homes since the coup, the UN's Office for the Coordination of Humanitarian Affairs (OCHA) said on Tuesday.\n"
	figs := pipeline.Extract(claim.Document{ID: "t", Published: "2025-01-13", Text: text})
	var got []string
	for _, f := range figs {
		got = append(got, f.NumberText+"="+f.Source)
	}
	want := "More than 1 million=OCHA; Almost 700,000=OCHA; Almost 700,000=OCHA"
	if g := strings.Join(got, "; "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}

	// A figure whose source is only carried over takes the source that
	// stated the same figure.
	got = nil
	text = "White House spokesman John Kirby said 1,000 North Korean soldiers were killed or wounded in one week.\n\n" +
		"Ukraine says the contingent is part of a force of 50,000.\n\nLosing 1,000 North Korean soldiers in one week highlights the cost of the war.\n"
	for _, f := range pipeline.Extract(claim.Document{ID: "t", Text: text}) {
		got = append(got, f.NumberText+"="+f.Source)
	}
	if g := strings.Join(got, "; "); !strings.HasSuffix(g, "1,000=John Kirby") {
		t.Errorf("restated carried figure: %s", g)
	}

	// A round headline number takes the source of the body figure it
	// rounds.
	got = nil
	text = "Deaths in the floods pass the 2,000 mark\n\nThe death toll rose to at least 2,013 on Thursday, the health ministry said.\n"
	for _, f := range pipeline.Extract(claim.Document{ID: "t", Text: text}) {
		got = append(got, f.NumberText+"="+f.Source)
	}
	if g := strings.Join(got, "; "); !strings.HasPrefix(g, "2,000=health ministry") {
		t.Errorf("rounded headline figure: %s", g)
	}

	// A headline ending ", NHK TV Reports" names its source.
	got = nil
	for _, f := range pipeline.Extract(claim.Document{ID: "t", Text: "Typhoon Claims 25 Lives; 43 Missing, NHK TV Reports\n\nTwenty-five people died when the storm hit the coast, NHK television said on its website.\n"}) {
		got = append(got, f.NumberText+"="+f.Source)
	}
	if g := strings.Join(got, "; "); g != "25=NHK; 43=NHK; Twenty-five=NHK" {
		t.Errorf("headline ', X Reports': %s", g)
	}

	// A hyphen inside a headline word is no "- Source" tail.
	got = nil
	for _, f := range pipeline.Extract(claim.Document{ID: "t", Text: "Four held in anti-terror raids\n\nPolice held four men in raids on Tuesday.\n"}) {
		got = append(got, f.NumberText+"="+f.Source)
	}
	if g := strings.Join(got, "; "); strings.Contains(g, "terror") {
		t.Errorf("headline tail taken from a hyphenated word: %s", g)
	}

	// A surname alone is the full name the article gives.
	text = "Zelensky says 3,000 soldiers killed or wounded\n\nMore than 3,000 soldiers have been killed or wounded, Ukrainian President Volodymyr Zelensky said on Monday.\n"
	got = nil
	for _, f := range pipeline.Extract(claim.Document{ID: "t", Published: "2025-01-13", Text: text}) {
		got = append(got, f.NumberText+"="+f.Source)
	}
	want = "3,000=Volodymyr Zelensky; More than 3,000=Volodymyr Zelensky"
	if g := strings.Join(got, "; "); g != want {
		t.Errorf("got  %s\nwant %s", g, want)
	}
}
