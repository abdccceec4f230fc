package series

import (
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// headlines finds the headline reports that restate a figure of their
// document's body: "Car Bomb Kills 11 Near Green Zone" over "…killing at
// least 11 Iraqis, police said". The headline is the outlet's summary of
// the body's claim, not a claim of its own, so it joins the body figure's
// claim as one more report of it (the extraction labels both, as the
// gold sets do). It returns headline report → body report, by index.
//
// A headline report is the document's first sentence when it has no
// final stop, or the sentence that is the document's title. Its body
// figure is the first one in text order with the same measure and counted
// group whose interval overlaps the headline's (11 and "at least 11"; 12
// and "a dozen"), stated by the same source or by a source the headline,
// in the publisher's voice, leaves unnamed. A headline saying 21 over a
// body saying 22 restates nothing: two claims.
func headlines(reports []Report) map[int]int {
	var heads []int
	for i := range reports {
		if isHeadline(&reports[i]) {
			heads = append(heads, i)
		}
	}
	if len(heads) == 0 {
		return nil
	}
	byDoc := make(map[string][]int, len(heads))
	for _, h := range heads {
		byDoc[reports[h].Doc] = nil
	}
	for i := range reports {
		r := &reports[i]
		if body, ok := byDoc[r.Doc]; ok && !isHeadline(r) {
			byDoc[r.Doc] = append(body, i)
		}
	}
	out := map[int]int{}
	for _, h := range heads {
		hr := &reports[h]
		hiv := IntervalOf(hr.Figure)
		best := -1
		for _, b := range byDoc[hr.Doc] {
			br := &reports[b]
			// A sum of a headline's killed and wounded restates only the
			// body's sum (series.Derive), a stated figure only a stated one.
			if br.Derived != hr.Derived || br.Measure != hr.Measure || fold(str(br.Counted)) != fold(str(hr.Counted)) || !hiv.Overlaps(IntervalOf(br.Figure)) {
				continue
			}
			if hs := fold(hr.Source); hs != claim.Publisher && hs != fold(br.Source) {
				continue
			}
			if best < 0 || br.Span[0] < reports[best].Span[0] {
				best = b
			}
		}
		if best >= 0 {
			out[h] = best
		}
	}
	return out
}

// isHeadline reports a report whose sentence is its document's headline.
func isHeadline(r *Report) bool {
	s := strings.TrimSpace(r.Sentence)
	if s == "" {
		return false
	}
	if r.Title != "" && strings.EqualFold(s, strings.TrimSpace(r.Title)) {
		return true
	}
	if r.SentenceSpan[0] != 0 {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', '?', '"', '\'':
		return false
	}
	return !strings.HasSuffix(s, "”") && !strings.HasSuffix(s, "’")
}
