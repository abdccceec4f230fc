package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/eval"
	"github.com/tally-news/tally/internal/pipeline"
)

func init() {
	commands["eval"] = command{
		summary: "score extraction against a gold set (figure and attributed F1)",
		run:     evalCommand{}.Run,
	}
}

// evalCommand is `tally eval`: the Go port of shared/eval/score.py, run
// either on the pipeline's own output or on a prediction file.
type evalCommand struct{}

// Usage prints the help text.
func (evalCommand) Usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage: tally eval [-v] [--pred PRED.jsonl] GOLD_DIR

Scores figure claims against a hand-labelled gold set and prints the same
report as shared/eval/score.py: matched, precision, recall and F1 at the
figure level (doc, measure and value agree) and at the attributed level
(source and counted agree too), per-measure recall, and a last line
"figure F1=… attributed F1=…".

GOLD_DIR holds figures.jsonl (gold figures) and docs.jsonl (the documents).
Without --pred, tally extracts figures from every document of docs.jsonl
and scores them; with --pred, it scores an existing prediction file
(one figure a line, as `+"`tally extract`"+` prints them).

Options:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, `
Examples:
  tally eval shared/corpus/agnews-dev
  tally eval -v shared/corpus/dev --pred out.jsonl
`)
}

// Run parses flags before and after GOLD_DIR (the flag package stops at
// the first argument, and `tally eval DIR --pred F` is the documented
// form) and prints the report; notes go to stderr as score.py's do.
func (c evalCommand) Run(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	verbose := fs.Bool("v", false, "also list the first 30 misses and false positives")
	predPath := fs.String("pred", "", "score this prediction file (JSON Lines) instead of running the extraction")
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				c.Usage(stdout, fs)
				return 0
			}
			fmt.Fprintf(stderr, "tally eval: %v\nTry: tally eval --help\n", err)
			return 2
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "tally eval: want one GOLD_DIR, got %d arguments\nTry: tally eval --help\n", len(pos))
		return 2
	}
	goldDir := pos[0]

	var res eval.Result
	var err error
	if *predPath != "" {
		res, err = eval.ScoreFiles(goldDir, *predPath)
	} else {
		res, err = scorePipeline(goldDir)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally eval: %v\n", err)
		return 1
	}
	res.WriteNotes(stderr)
	if err := res.Write(stdout, *verbose); err != nil {
		fmt.Fprintf(stderr, "tally eval: %v\n", err)
		return 1
	}
	return 0
}

// scorePipeline runs pipeline.Extract over GOLD_DIR/docs.jsonl and scores
// the figures. Each figure goes through JSON and eval.DecodeLine, so it is
// scored and printed exactly as the same figure read from a file would be.
func scorePipeline(goldDir string) (eval.Result, error) {
	gs, err := eval.LoadGold(goldDir)
	if err != nil {
		return eval.Result{}, err
	}
	var preds []map[string]any
	for _, d := range gs.Docs {
		for _, f := range pipeline.Extract(toDocument(d)) {
			line, err := json.Marshal(f)
			if err != nil {
				return eval.Result{}, fmt.Errorf("encode figure of %s: %w", f.Doc, err)
			}
			v, err := eval.DecodeLine(string(line))
			if err != nil {
				return eval.Result{}, fmt.Errorf("decode figure of %s: %w", f.Doc, err)
			}
			preds = append(preds, v.(map[string]any))
		}
	}
	return gs.Score(preds), nil
}

// toDocument takes the string fields of a docs.jsonl line; null or
// missing fields (url, publisher, published) stay empty.
func toDocument(d map[string]any) claim.Document {
	str := func(k string) string {
		switch v := d[k].(type) {
		case string:
			return v
		case json.Number:
			return string(v)
		}
		return ""
	}
	return claim.Document{
		ID:        str("id"),
		URL:       str("url"),
		Title:     str("title"),
		Publisher: str("publisher"),
		Published: str("published"),
		Language:  str("language"),
		Text:      str("text"),
	}
}
