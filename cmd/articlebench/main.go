// Command articlebench scores tally's HTML stage (internal/htmltext, with
// its furniture filter, exactly as `tally text` runs it) on the article
// extraction benchmark in shared/bench/article-extraction.
//
// Usage:
//
//	go run ./cmd/articlebench [-v] [-n N] BENCH_DIR
//	GOMAXPROCS=1 go run ./cmd/articlebench ../shared/bench/article-extraction
//
// The metric is the benchmark's own (its evaluate.py, re-implemented):
// text is split into Python-style \w+ tokens and then 4-token shingles;
// per page the shingle multisets give tp, fp and fn, normalised to sum to
// one; precision is the mean over pages that predicted something, recall
// the mean over pages whose truth is not empty, and F1 = 2PR/(P+R) of the
// two means. Accuracy is the share of pages whose tokens equal the truth's.
// Pages are extracted one after another, so pages/s is single-core speed.
package main

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/tally-news/tally/internal/htmltext"
)

func main() {
	verbose := flag.Bool("v", false, "list the 15 pages with the lowest F1")
	limit := flag.Int("n", 0, "score only the first `N` pages (by id); 0 means all")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: articlebench [-v] [-n N] BENCH_DIR\n\n"+
			"Scores internal/htmltext on the article-extraction benchmark\n"+
			"(BENCH_DIR holds ground-truth.json and html/<id>.html.gz).\n\nOptions:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *limit, *verbose, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "articlebench:", err)
		os.Exit(1)
	}
}

type truth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

type pageScore struct {
	id           string
	tp, fp, fn   float64
	f1           float64
	exact, error bool
}

func run(dir string, limit int, verbose bool, out io.Writer) error {
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return fmt.Errorf("read ground truth: %w", err)
	}
	var gt map[string]truth
	if err := json.Unmarshal(data, &gt); err != nil {
		return fmt.Errorf("parse ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if limit > 0 && limit < len(ids) {
		ids = ids[:limit]
	}

	var scores []pageScore
	var elapsed time.Duration
	var failed int
	for _, id := range ids {
		page, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return err
		}
		start := time.Now()
		doc, err := htmltext.ExtractBytes(page, gt[id].URL)
		elapsed += time.Since(start)
		ps := pageScore{id: id}
		if err != nil {
			failed++
			ps.error = true
			if verbose {
				fmt.Fprintf(out, "%s: %v\n", id, err)
			}
		}
		ps.tp, ps.fp, ps.fn = shingleMatch(gt[id].ArticleBody, doc.Text)
		ps.exact = equalTokens(tokenize(gt[id].ArticleBody), tokenize(doc.Text))
		if ps.tp > 0 {
			p, r := ps.tp/(ps.tp+ps.fp), ps.tp/(ps.tp+ps.fn)
			ps.f1 = 2 * p * r / (p + r)
		}
		scores = append(scores, ps)
	}

	var pSum, rSum float64
	var pN, rN, exact int
	for _, s := range scores {
		if s.tp+s.fp > 0 {
			pSum += s.tp / (s.tp + s.fp)
			pN++
		}
		if s.tp+s.fn > 0 {
			rSum += s.tp / (s.tp + s.fn)
			rN++
		}
		if s.exact {
			exact++
		}
	}
	precision, recall := pSum/float64(max(pN, 1)), rSum/float64(max(rN, 1))
	f1 := 0.0
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	if verbose {
		sort.Slice(scores, func(i, j int) bool { return scores[i].f1 < scores[j].f1 })
		for _, s := range scores[:min(15, len(scores))] {
			fmt.Fprintf(out, "low  %s  f1=%.3f tp=%.3f fp=%.3f fn=%.3f\n", s.id, s.f1, s.tp, s.fp, s.fn)
		}
	}
	fmt.Fprintf(out, "pages      %d (%d failed)\n", len(scores), failed)
	fmt.Fprintf(out, "precision  %.3f\nrecall     %.3f\nF1         %.3f\naccuracy   %.3f\n", precision, recall, f1, float64(exact)/float64(len(scores)))
	fmt.Fprintf(out, "speed      %.1f pages/s (%.2fs extracting, one page at a time)\n", float64(len(scores))/elapsed.Seconds(), elapsed.Seconds())
	return nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// tokenize is Python's re.findall(r'\w+', text): runs of letters, digits
// and underscores.
func tokenize(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the 4-token shingles of text. As in evaluate.py, a text
// of 1 to 3 tokens is one shingle, and an empty one has none.
func shingles(text string) map[string]int {
	const n = 4
	tokens := tokenize(text)
	m := map[string]int{}
	for i := 0; i < max(1, len(tokens)-n+1); i++ {
		s := strings.Join(tokens[i:min(i+n, len(tokens))], " ")
		if s != "" {
			m[s]++
		}
	}
	return m
}

// shingleMatch returns tp, fp and fn of pred against truth, normalised to
// sum to one (all zero when both are empty).
func shingleMatch(truth, pred string) (tp, fp, fn float64) {
	ts, ps := shingles(truth), shingles(pred)
	for k, t := range ts {
		p := ps[k]
		tp += float64(min(t, p))
		fn += float64(max(0, t-p))
	}
	for k, p := range ps {
		fp += float64(max(0, p-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
