package series

import "strings"

// reportLocation is the report's place, unless the place is only its
// sentence's dateline: "SAMARRA, Iraq (Reuters) - Three Iraqis were
// killed…" says where the story was filed, not where the count was made,
// and a dateline is no reason to split a series by place. A place that is
// also named in the body of the sentence is kept.
func reportLocation(r *Report) string {
	loc := strings.TrimSpace(str(r.Location))
	if loc == "" || !isDateline(r.Sentence, loc) {
		return loc
	}
	return ""
}

// isDateline reports whether every mention of loc in the sentence is in
// its dateline: the opening words, in capitals ("BAGHDAD", "KYIV,
// Ukraine"), before "(Agency)", " - ", " -- ", " — " or ":" within the
// first few words.
func isDateline(sentence, loc string) bool {
	s := strings.TrimLeft(sentence, " \t\n")
	end := datelineEnd(s)
	if end <= 0 {
		return false
	}
	lower, l := strings.ToLower(s), strings.ToLower(loc)
	first := strings.Index(lower, l)
	if first < 0 || first >= end || s[first:first+len(loc)] != strings.ToUpper(s[first:first+len(loc)]) {
		return false
	}
	return !strings.Contains(lower[end:], l)
}

// datelineEnd is where a sentence's dateline ends, or -1 when it has none:
// the opening word in capitals, then at most a few words, then a marker.
func datelineEnd(s string) int {
	// The first word must be in capitals, and at least two letters long.
	n := 0
	for n < len(s) && (s[n] >= 'A' && s[n] <= 'Z' || s[n] == ' ' && n+1 < len(s) && s[n+1] >= 'A' && s[n+1] <= 'Z' || s[n] == '.' || s[n] == '\'') {
		n++
	}
	if n < 2 {
		return -1
	}
	head := s
	if len(head) > 80 {
		head = head[:80]
	}
	best := -1
	for _, m := range []string{" (", " - ", " -- ", " — ", " – ", ": ", ":\u00a0"} {
		if i := strings.Index(head, m); i >= n-1 && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return -1
	}
	// "(Reuters) - ": the dateline runs to the dash after the agency.
	if strings.HasPrefix(head[best:], " (") {
		if j := strings.Index(head[best:], ")"); j > 0 {
			return best + j + 1
		}
	}
	return best
}
