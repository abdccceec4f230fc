package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/document"
	"github.com/tally-news/tally/internal/parse"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/tokens"
	"github.com/tally-news/tally/internal/tree"
)

func init() {
	commands["parse"] = command{"print the dependency tree of each sentence (CoNLL-U or a table)", runParse}
}

const parseUsage = `Usage: tally parse [options] FILE...
       tally parse --eval GOLD.conllu

Prints the dependency tree that extraction reads for each sentence of
the documents: every word with its lemma, part of speech (UPOS and PTB
XPOS), head and Universal Dependencies relation. Use it to see why a
figure was read the way it was: which noun a number counts, whose
subject a reporting verb has, where a place attaches.

FILE is read as by tally extract (.txt, .html, .htm, .jsonl, or - for
standard input). A bad input gets one line on standard error and the
others are still read; the exit status is then 1.

Options:
  --format conllu|table   output format (default conllu): CoNLL-U for the
                          UD tools and tree viewers, one "# doc_id" and
                          "# sent_id" per sentence; table for people, the
                          head word written out
  --eval GOLD.conllu      parse the gold file's words (gold tokenisation)
                          and print UPOS accuracy, UAS and LAS as the
                          CoNLL 2018 shared task scores them

Examples:
  tally parse testdata/seed.txt
  tally parse --format table testdata/seed.txt
  tally parse --eval ../shared/ud/en_ewt-ud-test.conllu
`

func runParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "conllu", "")
	gold := fs.String("eval", "", "")
	paths, err := parseInterspersed(fs, args)
	if err == flag.ErrHelp {
		fmt.Fprint(stdout, parseUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "tally parse: %v\nTry: tally parse --help\n", err)
		return 2
	}
	if *format != "conllu" && *format != "table" {
		fmt.Fprintf(stderr, "tally parse: unknown --format %q; valid: conllu, table\n", *format)
		return 2
	}
	m, err := parse.Default()
	if err != nil {
		fmt.Fprintf(stderr, "tally parse: %v\n", err)
		return 1
	}
	if *gold != "" {
		return evalParse(m, *gold, stdout, stderr)
	}
	if len(paths) == 0 {
		fmt.Fprint(stderr, "tally parse: no input files\n\n"+parseUsage)
		return 2
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	failed := false
	bad := func(err error) {
		w.Flush()
		fmt.Fprintln(stderr, "tally parse:", oneLine(err.Error()))
		failed = true
	}
	for _, path := range paths {
		emit := func(d claim.Document) {
			for i, sp := range pipeline.Sentences(d.Text) {
				// The tree extraction reads (internal/tree: headlines in title
				// case are parsed in sentence case).
				toks := tokens.Tokenize(d.Text, sp.Start, sp.End)
				tr, err := tree.Parse(toks)
				if err != nil {
					bad(err)
					return
				}
				_, mwt := parse.Words(toks)
				s := parse.Sentence{Words: tr.Words, Tokens: mwt}
				s.ID = d.ID + "-" + strconv.Itoa(i+1)
				s.Text = d.Text[sp.Start:sp.End]
				if *format == "table" {
					writeParseTable(w, s)
					continue
				}
				if i == 0 {
					fmt.Fprintf(w, "# newdoc id = %s\n", d.ID)
				}
				parse.WriteCoNLLU(w, s)
			}
		}
		if err := document.Read(path, document.Options{Stdin: stdin}, emit, bad); err != nil {
			bad(err)
		}
	}
	return exitCode(failed)
}

// writeParseTable prints one sentence for people: a header line with the
// sentence, then one aligned row a word with its head written out.
func writeParseTable(w io.Writer, s parse.Sentence) {
	fmt.Fprintf(w, "# %s: %s\n", s.ID, cut(s.Text, 100))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFORM\tLEMMA\tUPOS\tXPOS\tREL\tHEAD")
	for i, x := range s.Words {
		head := "0 (root)"
		if x.Head > 0 {
			head = strconv.Itoa(x.Head) + " " + s.Words[x.Head-1].Form
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, cell(x.Form), cell(x.Lemma), x.UPOS, x.XPOS, x.Rel, cell(head))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// evalParse parses the words of a gold CoNLL-U file and scores the result.
func evalParse(m *parse.Model, path string, stdout, stderr io.Writer) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "tally parse: %v\n", err)
		return 1
	}
	defer f.Close()
	gold, err := parse.ReadCoNLLU(f)
	if err != nil {
		fmt.Fprintf(stderr, "tally parse: %s: %v\n", path, err)
		return 1
	}
	pred := make([]parse.Sentence, len(gold))
	for i, g := range gold {
		words := make([]parse.Word, len(g.Words))
		for k, x := range g.Words {
			words[k] = parse.Word{Form: x.Form}
		}
		m.Parse(words)
		pred[i] = parse.Sentence{Words: words}
	}
	sc, err := parse.Evaluate(gold, pred)
	if err != nil {
		fmt.Fprintf(stderr, "tally parse: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d sentences, %d words\nUPOS %.4f  UAS %.4f  LAS %.4f\n", path, len(gold), sc.Words, sc.UPOS, sc.UAS, sc.LAS)
	return 0
}
