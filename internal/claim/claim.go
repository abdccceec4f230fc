// Package claim holds the values that travel between tally's pipeline
// stages: the document being read and the figure claims found in it.
//
// Figure is the output contract of `tally extract` (DESIGN.md, "Figure
// claims: the output contract"). Its JSON field names are fixed: the
// evaluation and every downstream tool depend on them.
package claim

// Document is one article as the pipeline sees it: plain text plus the
// metadata that attribution needs (the publication date resolves "on
// Monday"; the publisher is the voice of unattributed sentences).
type Document struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD, or empty when unknown
	Language  string `json:"language,omitempty"`
	Text      string `json:"text"`
}

// Qualifier values, as DESIGN.md's qualifier table gives them.
const (
	Exact  = "exact"
	Approx = "approx"
	Min    = "min"
	Max    = "max"
	Range  = "range"
	Vague  = "vague"
)

// Measures: the eleven things a figure can count.
const (
	Killed     = "killed"
	Wounded    = "wounded"
	Casualties = "casualties"
	Captured   = "captured"
	Missing    = "missing"
	Deployed   = "deployed"
	Displaced  = "displaced"
	Refugees   = "refugees"
	Arrested   = "arrested"
	Evacuated  = "evacuated"
	Supplied   = "supplied"
)

// Publisher is the source of a figure stated in the article's own voice.
const Publisher = "the publisher"

// Figure is one figure claim: a number phrase, what it counts, and who
// asserted it when. Pointer fields are JSON null when unknown or open.
type Figure struct {
	Doc        string   `json:"doc"`
	Sentence   string   `json:"sentence"`
	Span       [2]int   `json:"span"` // byte offsets of NumberText in the document text
	NumberText string   `json:"number_text"`
	Value      *float64 `json:"value"`
	Low        *float64 `json:"low"`
	High       *float64 `json:"high"`
	Qualifier  string   `json:"qualifier"`
	Measure    string   `json:"measure"`
	Subject    string   `json:"subject"`
	Counted    *string  `json:"counted"`
	Location   *string  `json:"location"`
	Source     string   `json:"source"`
	SourceText string   `json:"source_text"`
	Cue        string   `json:"cue"`
	Via        *string  `json:"via"`
	Date       *string  `json:"date"`
	Hedged     bool     `json:"hedged"`

	// Explain says which rule and which words decided the measure, the
	// counted people and the source; filled by `tally extract --explain`.
	Explain *Explain `json:"explain,omitempty"`

	// SentenceSpan is the byte range of Sentence in the document text; it
	// lets later stages (storage, the evidence view) highlight the figure
	// in its sentence without searching for it again.
	SentenceSpan [2]int `json:"sentence_span"`

	// Scope says what the count covers, relative to the story that states
	// it: one of the Scope constants, or "" when extraction did not decide
	// (internal/scope then reads it from the sentence). It decides which
	// series a figure belongs to and whether it may be compared with the
	// other figures there: a subset or a background figure never is.
	Scope string `json:"scope,omitempty"`
}

// Explain is why a figure was read as it was.
type Explain struct {
	Measure string `json:"measure"`
	Counted string `json:"counted"`
	Source  string `json:"source"`
}

// Scope values (Figure.Scope).
const (
	// ScopeIncident: the toll of one event — a bombing, a quake, a clash,
	// a shipwreck — as the sentence reports it ("a car bomb killed 17").
	ScopeIncident = "incident"
	// ScopeCumulative: a running total over a war, a crisis or an open
	// period ("have been killed since entering the war", "so far").
	ScopeCumulative = "cumulative"
	// ScopePeriod: a total for a named, closed period ("in June", "in a
	// single day", "last year"): not comparable with a running total.
	ScopePeriod = "period"
	// ScopeSubset: a part of another figure of the story ("including 20
	// children", "9 of them", "of whom 5 died in hospital").
	ScopeSubset = "subset"
	// ScopeBackground: a figure for an earlier or different event given as
	// context ("the deadliest since 2004, when 300 died").
	ScopeBackground = "background"
)
