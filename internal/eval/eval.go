// Package eval scores figure-claim predictions against a hand-labelled gold
// set. It is a port of /work/shared/eval/score.py with exactly its matching
// rules and its printed report, so that `tally eval` and the Python scorer
// give the same numbers on the same files; a test runs both and compares
// the bytes.
//
// The files are split by concern: eval.go holds the API and the report,
// match.go the matching rules, pyjson.go a JSON reader that behaves like
// Python's json module, and pyfmt.go the bits of Python's str(), repr()
// and float() that the report and the matching depend on.
package eval

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
)

// Level is precision, recall and F1 of one matching level.
type Level struct {
	Matched  int
	P, R, F1 float64
}

// MeasureRecall is the figure-level recall of one measure.
type MeasureRecall struct {
	Measure       string
	Matched, Gold int
}

// Result is a scored run. Figures are kept as decoded JSON maps so that
// the verbose lists print them as score.py does.
type Result struct {
	Gold, Predictions, Docs int
	Figure, Attributed      Level
	Measures                []MeasureRecall // sorted by measure
	Misses                  []map[string]any
	FalsePositives          []map[string]any
	// Notes are the lines score.py prints on stderr, in its order: bad
	// JSON lines, skipped predictions, and the note on predictions for
	// docs outside the gold set.
	Notes []string
}

// Score matches preds against gold, per doc, as score.py does. docs gives
// the known doc ids and each doc's publisher (for gold "the publisher"
// sources); gold doc ids are known too. Predictions without doc, measure
// or value are skipped with a note, as are those for unknown docs.
func Score(gold []map[string]any, docs []map[string]any, preds []map[string]any) Result {
	ps := make([]any, len(preds))
	for i, p := range preds {
		ps[i] = p
	}
	return score(gold, docs, ps, nil)
}

// score takes predictions as decoded lines (a non-object line is skipped
// with its Python str() in the note) and notes already collected.
func score(gold, docs []map[string]any, rawPreds []any, notes []string) Result {
	res := Result{Notes: notes}

	known := map[string]bool{}
	publisher := map[string]any{}
	for _, d := range docs {
		id, ok := d["id"]
		if !ok {
			continue
		}
		known[pyKey(id)] = true
		publisher[pyKey(id)] = d["publisher"]
	}
	var golds []map[string]any
	for _, g := range gold {
		doc, ok := g["doc"]
		if !ok {
			// score.py stops with a KeyError here.
			res.Notes = append(res.Notes, fmt.Sprintf("warning: gold figure without doc skipped: %s", pyStr(g)))
			continue
		}
		known[pyKey(doc)] = true
		golds = append(golds, g)
	}

	var preds []map[string]any
	unknown := map[string]int{}
	unknownN := 0
	for _, raw := range rawPreds {
		p, _ := raw.(map[string]any)
		if o, ok := raw.(*object); ok {
			p = plain(o).(map[string]any)
		}
		if p == nil || !hasAll(p, "doc", "measure", "value") {
			res.Notes = append(res.Notes, "warning: prediction without doc/measure/value skipped: "+pyStr(raw))
			continue
		}
		if k := pyKey(p["doc"]); !known[k] {
			unknown[k]++
			unknownN++
			continue
		}
		preds = append(preds, p)
	}
	if unknownN > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("note: ignored %d predictions for %d docs not in the gold set", unknownN, len(unknown)))
	}

	gBy := map[string][]map[string]any{}
	pBy := map[string][]map[string]any{}
	ids := map[string]any{}
	for _, g := range golds {
		k := pyKey(g["doc"])
		gBy[k] = append(gBy[k], g)
		if _, ok := ids[k]; !ok {
			ids[k] = g["doc"]
		}
	}
	for _, p := range preds {
		k := pyKey(p["doc"])
		pBy[k] = append(pBy[k], p)
		if _, ok := ids[k]; !ok {
			ids[k] = p["doc"]
		}
	}
	order := make([]string, 0, len(ids))
	for k := range ids {
		order = append(order, k)
	}
	sort.Slice(order, func(a, b int) bool { return pyLess(ids[order[a]], ids[order[b]]) })

	var matchedGold []map[string]any
	for _, k := range order {
		gs, ps := gBy[k], pBy[k]
		pairs := greedy(gs, ps, figureMatch)
		res.Figure.Matched += len(pairs)
		mg := make([]bool, len(gs))
		mp := make([]bool, len(ps))
		for _, pr := range pairs {
			mg[pr.gold], mp[pr.pred] = true, true
			matchedGold = append(matchedGold, gs[pr.gold])
		}
		for i, g := range gs {
			if !mg[i] {
				res.Misses = append(res.Misses, g)
			}
		}
		for i, p := range ps {
			if !mp[i] {
				res.FalsePositives = append(res.FalsePositives, p)
			}
		}
		pub := publisher[k]
		att := greedy(gs, ps, func(g, p map[string]any) bool {
			return figureMatch(g, p) && sourceMatch(g, p, pub) && countedMatch(g, p)
		})
		res.Attributed.Matched += len(att)
	}

	res.Gold, res.Predictions, res.Docs = len(golds), len(preds), len(known)
	res.Figure.prf(res.Predictions, res.Gold)
	res.Attributed.prf(res.Predictions, res.Gold)

	gm := map[string]int{}
	mm := map[string]int{}
	for _, g := range golds {
		gm[pyLower(pyStr(g["measure"]))]++
	}
	for _, g := range matchedGold {
		mm[pyLower(pyStr(g["measure"]))]++
	}
	for m, n := range gm {
		res.Measures = append(res.Measures, MeasureRecall{Measure: m, Matched: mm[m], Gold: n})
	}
	sort.Slice(res.Measures, func(a, b int) bool { return res.Measures[a].Measure < res.Measures[b].Measure })
	return res
}

func hasAll(m map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	return true
}

// prf: all are 0 when their denominator is 0.
func (l *Level) prf(npred, ngold int) {
	l.P, l.R, l.F1 = 0, 0, 0
	if npred > 0 {
		l.P = float64(l.Matched) / float64(npred)
	}
	if ngold > 0 {
		l.R = float64(l.Matched) / float64(ngold)
	}
	if l.P+l.R != 0 {
		l.F1 = 2 * l.P * l.R / (l.P + l.R)
	}
}

// Write prints the report exactly as score.py prints it on stdout; verbose
// adds the first 30 misses and false positives (score.py -v).
func (r Result) Write(w io.Writer, verbose bool) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "gold figures: %d   predictions: %d   docs: %d\n", r.Gold, r.Predictions, r.Docs)
	fmt.Fprintf(&b, "%-11s%8s%7s%7s%8s%8s%8s\n", "level", "matched", "pred", "gold", "P", "R", "F1")
	for _, l := range []struct {
		name string
		Level
	}{{"figure", r.Figure}, {"attributed", r.Attributed}} {
		fmt.Fprintf(&b, "%-11s%8d%7d%7d%8.3f%8.3f%8.3f\n", l.name, l.Matched, r.Predictions, r.Gold, l.P, l.R, l.F1)
	}
	b.WriteString("\nper-measure recall (figure level)\n")
	for _, m := range r.Measures {
		fmt.Fprintf(&b, "  %-11s%5d/%-5d%7.3f\n", m.Measure, m.Matched, m.Gold, float64(m.Matched)/float64(m.Gold))
	}
	if verbose {
		fmt.Fprintf(&b, "\nmisses (%d, first 30):\n", len(r.Misses))
		for _, g := range first30(r.Misses) {
			b.WriteString("  - " + describe(g) + "\n")
		}
		fmt.Fprintf(&b, "\nfalse positives (%d, first 30):\n", len(r.FalsePositives))
		for _, p := range first30(r.FalsePositives) {
			b.WriteString("  + " + describe(p) + "\n")
		}
	}
	fmt.Fprintf(&b, "figure F1=%.3f attributed F1=%.3f\n", r.Figure.F1, r.Attributed.F1)
	_, err := w.Write(b.Bytes())
	return err
}

// WriteNotes prints Notes, one a line (score.py's stderr).
func (r Result) WriteNotes(w io.Writer) error {
	var b strings.Builder
	for _, n := range r.Notes {
		b.WriteString(backslashSurrogates(n) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func first30(xs []map[string]any) []map[string]any {
	if len(xs) > 30 {
		return xs[:30]
	}
	return xs
}

// describe is score.py's one-line view of a figure; the quote is cut to
// 90 code points.
func describe(x map[string]any) string {
	q := ""
	switch {
	case pyTruthy(x["quote"]):
		q = pyStr(x["quote"])
	case pyTruthy(x["sentence"]):
		q = pyStr(x["sentence"])
	}
	q = strings.ReplaceAll(q, "\n", " ")
	if rs := []rune(q); len(rs) > 90 {
		q = string(rs[:87]) + "..."
	}
	return fmt.Sprintf("%s | %s | %s | src=%s | counted=%s | %s",
		pyStr(x["doc"]), pyStr(x["measure"]), pyStr(x["value"]), pyStr(x["source"]), pyStr(x["counted"]), q)
}

// ScoreFiles scores the prediction file predPath against goldDir, which
// holds figures.jsonl and, optionally, docs.jsonl, as
// `python3 score.py GOLD_DIR PRED.jsonl` does.
func ScoreFiles(goldDir, predPath string) (Result, error) {
	gs, err := LoadGold(goldDir)
	if err != nil {
		return Result{}, err
	}
	preds, notes, err := loadJSONL(predPath)
	if err != nil {
		return Result{}, err
	}
	return score(gs.Figures, gs.Docs, preds, append(slices.Clip(gs.Notes), notes...)), nil
}

// GoldSet is a gold directory as read from disk.
type GoldSet struct {
	Figures []map[string]any // figures.jsonl
	Docs    []map[string]any // docs.jsonl; nil when the file is absent
	Notes   []string         // bad-line warnings, in score.py's order
}

// LoadGold reads GOLD_DIR/figures.jsonl and, when present, docs.jsonl.
// Lines are decoded with DecodeLine's rules.
func LoadGold(goldDir string) (GoldSet, error) {
	rows, notes, err := loadJSONL(joinPath(goldDir, "figures.jsonl"))
	if err != nil {
		return GoldSet{}, err
	}
	gs := GoldSet{Figures: objects(rows), Notes: notes}
	path := joinPath(goldDir, "docs.jsonl")
	if _, err := os.Stat(path); err == nil {
		rows, notes, err := loadJSONL(path)
		if err != nil {
			return GoldSet{}, err
		}
		gs.Docs = objects(rows)
		gs.Notes = append(gs.Notes, notes...)
	}
	return gs, nil
}

// Score scores predictions made in memory (by the pipeline) against the
// gold set; the set's notes come first in the result. Pass predictions
// through DecodeLine so numbers print as they would from a file.
func (g GoldSet) Score(preds []map[string]any) Result {
	ps := make([]any, len(preds))
	for i, p := range preds {
		ps[i] = p
	}
	return score(g.Figures, g.Docs, ps, slices.Clone(g.Notes))
}

// objects keeps the JSON objects of a file; score.py would fail on any
// other line in the gold files.
func objects(rows []any) []map[string]any {
	var out []map[string]any
	for _, r := range rows {
		if o, ok := r.(*object); ok {
			out = append(out, plain(o).(map[string]any))
		}
	}
	return out
}

// joinPath is os.path.join(dir, name): no cleaning, since the path is
// printed in warnings.
func joinPath(dir, name string) string {
	if dir == "" || strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

// loadJSONL is score.py's load_jsonl: lines split as Python's text mode
// splits them (\n, \r\n, \r), stripped, blank ones skipped, bad JSON
// noted with Python's message and skipped. Rows keep key order.
func loadJSONL(path string) ([]any, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err // *PathError: "open PATH: no such file or directory"
	}
	if !validUTF8(data) {
		return nil, nil, fmt.Errorf("read %s: not valid UTF-8", path)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimSuffix(text, "\n")
	var rows []any
	var notes []string
	if text == "" {
		return nil, nil, nil
	}
	for n, line := range strings.Split(text, "\n") {
		line = pyStrip(line)
		if line == "" {
			continue
		}
		v, err := parsePyJSON(line)
		if err != nil {
			notes = append(notes, fmt.Sprintf("warning: %s:%d: bad JSON (%s); line skipped", path, n+1, err))
			continue
		}
		rows = append(rows, v)
	}
	return rows, notes, nil
}
